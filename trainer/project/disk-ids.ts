/**
 * Ids read from disk are data, not paths (DESIGN.md, Storage). A project folder may come from
 * someone else, so every id in a run.json or a snapshot manifest that the trainer would make a
 * path of is checked against the pattern a command's id must match before it is used: a
 * run.json saying `"id": "../../../victim-run"` would otherwise have the trainer write and
 * delete outside the project, and a crafted `lastGoodSnapshot` would have it read /etc/shadow.
 * Each check answers with the problem in words, or null when the ids are what the trainer writes.
 */
import { BranchName, DatasetName, RunFolderId, SnapshotFileName, SnapshotId } from '../protocol.js';
import type { RunFile } from './project-store.js';

/** Long or hostile ids are shown cut short: the sentence names the file, not the attack. */
const shown = (value: unknown): string => JSON.stringify(typeof value === 'string' ? value.slice(0, 60) : value ?? null);

/** The first id in a run.json (found in runs/<folder>/) that no command could have named; null when all are fine. */
export function runIdProblem(run: Pick<RunFile, 'id' | 'dataset' | 'branch' | 'branches' | 'interrupted'>, folder: string): string | null {
  if (!RunFolderId.safeParse(run.id).success) return `its id ${shown(run.id)} is not a run id (a plain folder name)`;
  if (run.id !== folder) return `its id ${shown(run.id)} is not the name of the folder it is in (${shown(folder)})`;
  if (!DatasetName.safeParse(run.dataset).success) return `its dataset ${shown(run.dataset)} is not a dataset name (a plain folder name)`;
  if (run.branch !== undefined && !BranchName.safeParse(run.branch).success) return `its branch ${shown(run.branch)} is not a branch name`;
  for (const b of run.branches ?? []) {
    if (!BranchName.safeParse(b.parent).success) return `branch ${shown(b.name)} names the parent ${shown(b.parent)}, which is not a branch name`;
    if (!SnapshotId.safeParse(b.snapshotId).success) return `branch ${shown(b.name)} forks from ${shown(b.snapshotId)}, which is not a snapshot id`;
  }
  const lastGood = run.interrupted?.lastGoodSnapshot;
  if (lastGood != null && !SnapshotId.safeParse(lastGood).success) return `its last good snapshot ${shown(lastGood)} is not a snapshot id`;
  return null;
}

/** The first id in a snapshot's manifest.json (in snapshots/<folder>/) that is not what the trainer writes; null when all are fine. */
export function manifestIdProblem(manifest: unknown, folder: string): string | null {
  if (typeof manifest !== 'object' || manifest === null) return 'it is not a JSON object';
  const { id, branch, files } = manifest as { id?: unknown; branch?: unknown; files?: unknown };
  if (!SnapshotId.safeParse(id).success) return `its id ${shown(id)} is not a snapshot id`;
  if (id !== folder) return `its id ${shown(id)} is not the name of the folder it is in (${shown(folder)})`;
  if (branch !== undefined && !BranchName.safeParse(branch).success) return `its branch ${shown(branch)} is not a branch name`;
  return snapshotFilesProblem(files);
}

/** The manifest's `files`: each name must be a plain file name inside the snapshot folder. */
export function snapshotFilesProblem(files: unknown): string | null {
  if (files === undefined) return null;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return '"files" is not a list of files';
  for (const name of Object.keys(files)) {
    if (!SnapshotFileName.safeParse(name).success) return `it lists the file ${shown(name)}, which is not a plain file name in the snapshot folder`;
  }
  return null;
}
