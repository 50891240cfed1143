/**
 * A run's snapshots/ folder as a whole: what is in it (read from each manifest), removing
 * what a crash left half written, and deleting one snapshot so that no half of it remains.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { manifestIdProblem } from '../project/disk-ids.js';
import { SnapshotInfo } from '../protocol.js';
import { fsyncDirectory } from '../storage/atomic-write.js';
import { TMP_PREFIX } from './snapshot-writer.js';

export function snapshotsDirOf(runDir: string): string {
  return join(runDir, 'snapshots');
}

/**
 * Every snapshot whose manifest reads, oldest first. A folder without a readable manifest is
 * not a snapshot (the manifest is written last) and is left out; `verifySnapshot` checks files.
 */
export function listSnapshots(snapshotsDir: string): SnapshotInfo[] {
  if (!existsSync(snapshotsDir)) return [];
  const out: SnapshotInfo[] = [];
  for (const entry of readdirSync(snapshotsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const info = readSnapshotInfo(snapshotsDir, entry.name);
    if (info) out.push(info);
  }
  return out.sort((a, b) => a.step - b.step || a.createdAt.localeCompare(b.createdAt));
}

/** What a snapshot's manifest says about it (no file is checked); null if it has no readable manifest. */
export function readSnapshotInfo(snapshotsDir: string, id: string): SnapshotInfo | null {
  try {
    const manifest = JSON.parse(readFileSync(join(snapshotsDir, id, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    // Its branch names a metrics log and its files are read by name: ids that would lead elsewhere make it no snapshot.
    if (manifestIdProblem(manifest, id) !== null) return null;
    const info = SnapshotInfo.safeParse({
      id: manifest.id,
      step: manifest.step,
      reason: manifest.reason,
      label: manifest.label,
      createdAt: manifest.createdAt,
      bytes: manifest.bytes,
      ...(manifest.branch !== undefined ? { branch: manifest.branch } : {}),
      ...(manifest.likeness !== undefined ? { likeness: manifest.likeness } : {}),
      ...(manifest.likenessSeries !== undefined ? { likenessSeries: manifest.likenessSeries } : {}),
      // What retention keeps depends on these: a reopened run must thin what the live one would.
      ...(manifest.kind !== undefined ? { kind: manifest.kind } : {}),
      ...(manifest.firstInStage !== undefined ? { firstInStage: manifest.firstInStage } : {}),
      ...(manifest.phase !== undefined ? { phase: manifest.phase } : {}),
    });
    return info.success && info.data.id === id ? info.data : null;
  } catch {
    // No manifest, or not JSON: not a complete snapshot.
    return null;
  }
}

/**
 * Removes the `.tmp-*` folders of writes a crash interrupted, and the `.tmp-*` files an
 * interrupted addition to a written snapshot left inside it (amend-snapshot.ts); returns the
 * folders' names.
 */
export function removeUnfinishedSnapshots(snapshotsDir: string): string[] {
  if (!existsSync(snapshotsDir)) return [];
  const removed: string[] = [];
  for (const entry of readdirSync(snapshotsDir, { withFileTypes: true })) {
    if (entry.name.startsWith(TMP_PREFIX)) {
      rmSync(join(snapshotsDir, entry.name), { recursive: true, force: true });
      removed.push(entry.name);
    } else if (entry.isDirectory()) removeUnfinishedFiles(join(snapshotsDir, entry.name));
  }
  if (removed.length > 0) fsyncDirectory(snapshotsDir);
  return removed;
}

function removeUnfinishedFiles(snapshotDir: string): void {
  const leftovers = readdirSync(snapshotDir).filter((name) => name.startsWith(TMP_PREFIX));
  for (const name of leftovers) rmSync(join(snapshotDir, name), { force: true });
  if (leftovers.length > 0) fsyncDirectory(snapshotDir);
}

/**
 * Deletes a snapshot: first renamed to a `.tmp-` name (atomic, so a crash mid-delete never
 * leaves a folder that looks like a snapshot but lacks files), then removed.
 */
export function deleteSnapshotFolder(snapshotsDir: string, id: string): void {
  const dir = join(snapshotsDir, id);
  if (!existsSync(dir)) throw new Error(`There is no snapshot '${id}'.`);
  const doomed = join(snapshotsDir, `${TMP_PREFIX}deleting-${id}`);
  renameSync(dir, doomed);
  fsyncDirectory(snapshotsDir);
  rmSync(doomed, { recursive: true, force: true });
}
