/**
 * Gives every snapshot a training run writes its preview, off the training path: once a
 * snapshot is on disk, the evaluation worker reads it back (verifying it) and generates the
 * preview from its weights; the trainer stores it in the snapshot folder (snapshot-preview-file.ts).
 * One snapshot at a time, in the order written. A snapshot deleted meanwhile (retention) is
 * simply left out.
 *
 * Without a worker (STAGECRAFT_EVAL_IN_PROCESS=1, or it could not start or died) the snapshot
 * stays without a preview and its manifest says why. Generating it in the training process
 * would hold up training for a generator pass per snapshot, which is what the worker exists to
 * avoid; and previewing such a snapshot later (preview/request) generates from its weights, as
 * it always did, when a person asks for it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotPreviewAnswer } from '../evaluation/background-evaluation.js';
import type { PreviewSample, SnapshotInfo } from '../protocol.js';
import type { MotionPreview } from '../recipes/recipe.js';
import { noteMissingPreview, storeSnapshotPreview } from './snapshot-preview-file.js';

const ENDED = 'the run ended before its preview was generated';

export interface SnapshotPreviewQueueOptions {
  snapshotsDir: string;
  /** The snapshot's preview from the evaluation worker, or why there is no worker to make it. */
  generate(snapshotDir: string): Promise<SnapshotPreviewAnswer>;
  /** The preview as the sample history keeps it (the clip trimmed, its shared clip file written). */
  sampleOf(preview: MotionPreview, step: number, branch: string): Promise<Omit<PreviewSample, 'id'>>;
  /** A preview that could not be made or stored; the snapshot itself is fine. */
  warn(message: string): void;
}

export class SnapshotPreviewQueue {
  private tail: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(private readonly options: SnapshotPreviewQueueOptions) {}

  /** Queues the preview of a snapshot that is on disk. */
  add(snapshot: SnapshotInfo): void {
    const dir = join(this.options.snapshotsDir, snapshot.id);
    this.tail = this.tail
      .then(() => this.make(snapshot, dir))
      .catch((error: Error) => {
        // Deleted while its preview was made (retention, or by hand): nothing is missing.
        if (existsSync(join(dir, 'manifest.json'))) this.options.warn(`Snapshot ${snapshot.id} has no stored preview: ${error.message}`);
      });
  }

  /**
   * The run is ending: waits up to `waitMs` for the previews still to come (the last snapshot,
   * taken on stop, is the one most often compared), then notes the rest as not made.
   */
  async close(waitMs: number): Promise<void> {
    await this.settle(waitMs);
    this.closing = true;
  }

  /** Resolves when every preview asked for so far is stored or given up, or after `waitMs`. */
  async settle(waitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.tail, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  /** Resolves when every preview asked for so far is stored or given up. */
  idle(): Promise<void> {
    return this.tail;
  }

  private async make(snapshot: SnapshotInfo, dir: string): Promise<void> {
    if (!existsSync(join(dir, 'manifest.json'))) return;
    if (this.closing) return noteMissingPreview(dir, ENDED);
    let answer: SnapshotPreviewAnswer;
    try {
      answer = await this.options.generate(dir);
    } catch (error) {
      if (!existsSync(join(dir, 'manifest.json'))) return;
      const why = `the evaluation worker could not generate it (${(error as Error).message})`;
      await noteMissingPreview(dir, why);
      throw new Error(why);
    }
    if ('unavailable' in answer) return noteMissingPreview(dir, this.closing ? ENDED : `${answer.unavailable}; not generated in the training process, so as not to hold up training`);
    await storeSnapshotPreview(dir, await this.options.sampleOf(answer.preview, snapshot.step, snapshot.branch));
  }
}
