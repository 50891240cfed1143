/**
 * Files a window can take home, whatever machine the trainer runs on: a run's metrics as CSV or
 * JSON, a file the trainer exported (generated BVH/JSON), a snapshot's file. The window names
 * what it wants, never a path; the trainer finds it inside the run's folder and answers where it
 * is, and serve mode swaps that path for a token-guarded address before the browser sees it.
 * Part of the contract: imports only zod and its sibling parts.
 */
import { z } from 'zod';
import { requestId, runId } from './fields.js';
import { BranchName, SnapshotFileName, SnapshotId } from './runs.js';

/** A plain file name in a folder the trainer wrote: no separators, never '..'. */
const PlainFileName = SnapshotFileName;

export const DownloadFile = z.discriminatedUnion('kind', [
  /** Every point the branch shows (its ancestors' up to its fork, then its own), every column, with step and time. */
  z.strictObject({ kind: z.literal('metrics'), branch: BranchName, format: z.enum(['csv', 'json']) }),
  /** A file in the run's exports/ folder (motion/export's BVH and JSON). */
  z.strictObject({ kind: z.literal('export'), name: PlainFileName }),
  /** One file of a snapshot (its layer groups' safetensors, its manifest). */
  z.strictObject({ kind: z.literal('snapshot'), snapshotId: SnapshotId, name: PlainFileName }),
]);
export type DownloadFile = z.infer<typeof DownloadFile>;

export const PrepareDownload = z.strictObject({ type: z.literal('download/prepare'), requestId, runId, file: DownloadFile });

export const DownloadReady = z.strictObject({
  type: z.literal('download/ready'),
  requestId,
  runId,
  /** The name to save it as. */
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  /** Where it is on the trainer's machine (Electron saves it from there); serve mode removes it. */
  path: z.string().optional(),
  /** Serve mode: the address the browser fetches it from, with the page's token. */
  url: z.string().optional(),
});
export type DownloadReady = z.infer<typeof DownloadReady>;
