/** dataset/import for the session: the import itself lives in project/dataset-import.ts. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatasetImportError, importDataset } from '../project/dataset-import.js';
import type { ProjectStore } from '../project/project-store.js';
import type { DatasetImportReport } from '../protocol.js';
import { SessionError } from './session-errors.js';

export function importDatasetInto(project: ProjectStore, source: string, name?: string): DatasetImportReport {
  // datasetPath(x) is <project>/datasets/x: its parent is where every dataset folder goes.
  const datasetsDir = dirname(project.datasetPath('x'));
  mkdirSync(datasetsDir, { recursive: true });
  try {
    return importDataset(source, datasetsDir, name);
  } catch (error) {
    if (error instanceof DatasetImportError) throw new SessionError('dataset', error.message);
    throw error;
  }
}
