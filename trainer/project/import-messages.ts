/** What the trainer and its dataset import process say to each other (import-worker.ts). */
import type { DatasetImportReport } from '../protocol.js';

export interface ImportRequest {
  source: string;
  datasetsDir: string;
  name?: string;
}

export type ImportAnswer =
  | { type: 'imported'; report: DatasetImportReport }
  /** `dataset`: the folder's own problem, in words for the person; otherwise the import itself failed. */
  | { type: 'failed'; dataset: boolean; message: string };
