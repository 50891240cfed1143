/**
 * dataset/import for the session: the import itself lives in project/dataset-import.ts and runs
 * in a process of its own (project/import-in-child.ts), so training keeps its pace meanwhile.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatasetImportError } from '../project/dataset-import.js';
import { importInChild } from '../project/import-in-child.js';
import type { ProjectStore } from '../project/project-store.js';
import type { DatasetImportReport } from '../protocol.js';
import { SessionError } from './session-errors.js';

export async function importDatasetInto(project: ProjectStore, source: string, name?: string): Promise<DatasetImportReport> {
  // datasetPath(x) is <project>/datasets/x: its parent is where every dataset folder goes.
  const datasetsDir = dirname(project.datasetPath('x'));
  mkdirSync(datasetsDir, { recursive: true });
  try {
    return await importInChild({ source, datasetsDir, ...(name ? { name } : {}) });
  } catch (error) {
    if (error instanceof DatasetImportError) throw new SessionError('dataset', error.message);
    throw error;
  }
}
