/**
 * Runs a dataset import in its own process (dist/trainer/import-worker.js from the built app,
 * this folder's .ts through tsx from source, as the evaluation worker is started) and resolves
 * with its report. The process has a heap limit: an import that would grow past it ends that
 * process with a sentence, and the trainer is untouched.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetImportReport } from '../protocol.js';
import { DatasetImportError } from './dataset-import.js';
import type { ImportAnswer, ImportRequest } from './import-messages.js';

/** The import process's heap, in MB: far above any dataset the readers accept, far below the machine. */
export const IMPORT_HEAP_MB = 2048;

function importWorkerEntry(): { entry: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'import-worker.js');
  if (existsSync(built)) return { entry: built, execArgv: [] };
  return { entry: join(here, 'import-worker.ts'), execArgv: ['--import', 'tsx'] };
}

export function importInChild(request: ImportRequest): Promise<DatasetImportReport> {
  const { entry, execArgv } = importWorkerEntry();
  const child = fork(entry, [], {
    execArgv: [...execArgv, `--max-old-space-size=${IMPORT_HEAP_MB}`],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let answered = false;
    child.once('message', (message: ImportAnswer) => {
      answered = true;
      if (message.type === 'imported') resolve(message.report);
      else reject(message.dataset ? new DatasetImportError(message.message) : new Error(message.message));
    });
    child.once('error', (error) => reject(new Error(`The dataset import process could not start: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (answered) return;
      const how = signal ? `was ended (${signal})` : `exited with code ${code}`;
      reject(new DatasetImportError(`Importing '${request.source}' stopped: the import process ${how}, most likely out of memory on a file far larger than a motion clip. Nothing was added to the project.`));
    });
    child.send(request);
  });
}
