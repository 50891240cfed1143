/**
 * The dataset import process: reads one folder of WAV/BVH files and copies what loads into the
 * project, off the trainer's thread, so training keeps its pace while a large or broken folder
 * is read, and a file that takes gigabytes to parse takes down this process, not the trainer.
 * It answers once and exits.
 */
import { DatasetImportError, importDataset } from './dataset-import.js';
import type { ImportRequest, ImportAnswer } from './import-messages.js';

function answer(message: ImportAnswer): void {
  process.send?.(message, undefined, undefined, () => process.exit(0));
}

process.once('message', (request: ImportRequest) => {
  try {
    answer({ type: 'imported', report: importDataset(request.source, request.datasetsDir, request.name) });
  } catch (error) {
    answer({ type: 'failed', dataset: error instanceof DatasetImportError, message: (error as Error).message });
  }
});
