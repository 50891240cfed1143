/**
 * What a download names, found inside the run's folder: its metrics written out as CSV or JSON,
 * a file it exported, a snapshot's file. Names come from a command: each is a plain file name,
 * and the file must be a regular file whose real path stays inside the folder it is asked from
 * (a link out of it is refused), so a download can never reach past the run.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_BRANCH, type DownloadFile } from '../protocol.js';
import { branchesOf } from '../project/branches.js';
import type { RunFile } from '../project/project-store.js';
import { realPathInside } from '../paths/folder-files.js';
import { FileRefusedError } from '../paths/regular-file.js';
import { snapshotsDirOf } from '../snapshots/snapshot-folder.js';
import { writeMetricsExport } from './metrics-export.js';

export interface PreparedDownload {
  path: string;
  name: string;
  bytes: number;
}

export function prepareDownload(runDir: string, run: RunFile, file: DownloadFile): PreparedDownload {
  switch (file.kind) {
    case 'metrics': {
      if (file.branch !== MAIN_BRANCH && !branchesOf(run).some((b) => b.name === file.branch)) {
        throw new FileRefusedError(`metrics of '${file.branch}'`, `run '${run.name}' has no branch '${file.branch}'`);
      }
      mkdirSync(join(runDir, 'exports'), { recursive: true });
      const { path, name } = writeMetricsExport(runDir, run, file.branch, file.format);
      return { path, name, bytes: regularSize(path, name) };
    }
    case 'export':
      return inside(join(runDir, 'exports'), file.name, file.name);
    case 'snapshot':
      return inside(join(snapshotsDirOf(runDir), file.snapshotId), file.name, `${file.snapshotId}-${file.name}`);
  }
}

function inside(folder: string, file: string, name: string): PreparedDownload {
  if (!existsSync(folder)) throw new FileRefusedError(file, 'the file is missing');
  const path = realPathInside(folder, file);
  return { path, name, bytes: regularSize(path, file) };
}

function regularSize(path: string, label: string): number {
  const stat = statSync(path);
  if (!stat.isFile()) throw new FileRefusedError(label, 'is not a regular file');
  return stat.size;
}
