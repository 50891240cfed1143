/**
 * Writes one snapshot folder crash-safely: every file goes into a temporary folder and is
 * fsynced, a manifest with each file's sha256 and size is written last, then the folder is
 * renamed into place and its parent fsynced. A crash leaves no half snapshot under its name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotInfo } from '../protocol.js';
import { fsyncDirectory, writeFileAtomic } from '../storage/atomic-write.js';
import { encodeSafetensors, type NamedTensor } from './safetensors.js';

export interface SnapshotContent {
  step: number;
  reason: string;
  label: string;
  /** Weights by layer group and optimizer state, copied out of the model between two steps. */
  files: Record<string, NamedTensor[]>;
  /** Small JSON-able state: controls, RNG, recipe config. */
  state: unknown;
}

export interface ManifestEntry {
  sha256: string;
  bytes: number;
}

export function writeSnapshot(snapshotsDir: string, content: SnapshotContent): SnapshotInfo {
  // Random tail: two snapshots at the same step in the same millisecond must not collide.
  const id = `step-${String(content.step).padStart(8, '0')}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const tmp = join(snapshotsDir, `.tmp-${id}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const files: Record<string, ManifestEntry> = {};
    const write = (name: string, bytes: Uint8Array) => {
      writeFileAtomic(join(tmp, name), bytes, { syncFolder: false });
      files[name] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
    };
    for (const [name, tensors] of Object.entries(content.files)) write(`${name}.safetensors`, encodeSafetensors(tensors));
    write('state.json', Buffer.from(JSON.stringify(content.state)));
    const info: SnapshotInfo = {
      id,
      step: content.step,
      reason: content.reason,
      label: content.label,
      createdAt: new Date().toISOString(),
      bytes: Object.values(files).reduce((sum, f) => sum + f.bytes, 0),
    };
    writeFileAtomic(join(tmp, 'manifest.json'), JSON.stringify({ ...info, files }, null, 2));
    renameSync(tmp, join(snapshotsDir, id));
    fsyncDirectory(snapshotsDir);
    return info;
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}
