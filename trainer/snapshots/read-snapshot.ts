/**
 * Reads a snapshot back, trusting nothing: every file listed in manifest.json must have its
 * recorded size and sha256 before any byte of it is used. A snapshot that fails is reported
 * as corrupt, naming the file, and never loaded.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParamStore } from '../nn/params.js';
import * as tf from '../nn/tf.js';
import { snapshotFilesProblem } from '../project/disk-ids.js';
import { decodeSafetensors, type NamedTensor } from './safetensors.js';
import type { Manifest, ManifestEntry } from './snapshot-writer.js';

export class CorruptSnapshotError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`Snapshot file '${file}' is corrupt: ${problem}. It was not loaded.`);
  }
}

export interface SnapshotContents {
  manifest: Manifest;
  tensors: Map<string, NamedTensor>;
  state: unknown;
}

export function readSnapshot(dir: string): SnapshotContents {
  const manifest = readManifest(dir);
  const verified = new Map<string, Buffer>();
  for (const [name, entry] of Object.entries(manifest.files ?? {})) verified.set(name, readVerifiedFile(dir, name, entry));
  const tensors = new Map<string, NamedTensor>();
  for (const [name, bytes] of verified) {
    if (!name.endsWith('.safetensors')) continue;
    for (const tensor of decodeSafetensors(new Uint8Array(bytes), join(dir, name)).tensors) tensors.set(tensor.name, tensor);
  }
  const stateBytes = verified.get('state.json');
  return { manifest, tensors, state: stateBytes ? JSON.parse(stateBytes.toString('utf8')) : null };
}

/**
 * The manifest, not yet checked against any file; throws, naming it, when it is missing, not
 * JSON (without quoting it), or lists a file by anything but a plain name in the snapshot
 * folder (ids from disk are data, not paths: `../../etc/shadow` is never read).
 */
export function readManifest(dir: string): Manifest {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new CorruptSnapshotError(manifestPath, 'it is missing');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    throw new CorruptSnapshotError(manifestPath, 'it is not JSON');
  }
  const problem = typeof manifest === 'object' && manifest !== null ? snapshotFilesProblem(manifest.files) : 'it is not a JSON object';
  if (problem) throw new CorruptSnapshotError(manifestPath, problem);
  return manifest;
}

/** One file the manifest lists, with its recorded size and sha256 checked before it is returned. */
export function readVerifiedFile(dir: string, name: string, entry: ManifestEntry): Buffer {
  const path = join(dir, name);
  if (!existsSync(path)) throw new CorruptSnapshotError(path, 'it is missing');
  const bytes = readFileSync(path);
  if (bytes.length !== entry.bytes) throw new CorruptSnapshotError(path, `it has ${bytes.length} bytes, the manifest says ${entry.bytes}`);
  if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) throw new CorruptSnapshotError(path, 'its sha256 does not match the manifest');
  return bytes;
}

/** Checks every file without loading anything: null when the snapshot is whole, else what is wrong. */
export function verifySnapshot(dir: string): string | null {
  try {
    readSnapshot(dir);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Puts a snapshot's weights into a model's parameters (those of `groups` only, when given);
 * every one must be there, in shape. All are checked before any is assigned, so a mismatch
 * leaves the model as it was.
 */
export function loadWeights(params: ParamStore, tensors: Map<string, NamedTensor>, source: string, groups?: ReadonlySet<string>): void {
  const pairs = params.all().filter((param) => !groups || groups.has(param.group)).map((param) => {
    const saved = tensors.get(param.name);
    if (!saved) throw new Error(`Snapshot '${source}' has no weights for '${param.name}'.`);
    if (saved.shape.join('x') !== param.variable.shape.join('x')) {
      throw new Error(`Snapshot '${source}': '${param.name}' is ${saved.shape.join('×')}, the model needs ${param.variable.shape.join('×')}.`);
    }
    return [param, saved] as const;
  });
  for (const [param, saved] of pairs) tf.tidy(() => param.variable.assign(tf.tensor(saved.data, saved.shape)));
}
