/**
 * Validation metrics and previews off the training path: the loop hands over a copy of the
 * latest weights and goes on stepping; the worker's answer comes back tagged with the step
 * (and branch) the weights were taken at. The loop never waits: a job due while the previous
 * one is unanswered is skipped (the next one brings newer weights) and counted. Until the worker is ready,
 * after it dies, or with STAGECRAFT_EVAL_IN_PROCESS=1, the loop evaluates in-process as before.
 * The worker also previews snapshots from their files once they are written (snapshotPreview);
 * those jobs queue rather than skip, since nothing later brings them.
 */
import type { MotionPreview, RecipeModel } from '../recipes/recipe.js';
import { EvaluationClient } from './evaluation-client.js';
import { packWeights } from './packed-weights.js';
import type { WorkerSetup } from './worker-messages.js';

/** Set to 1 for in-process evaluation (deterministic timing in tests, or a one-core machine). */
export const EVAL_IN_PROCESS_ENV = 'STAGECRAFT_EVAL_IN_PROCESS';

/** Longest a finished run waits for the evaluation in flight (the next run waits for this one). */
const CLOSE_WAIT_MS = 15_000;

export interface Evaluated {
  step: number;
  branch: string;
  values: Record<string, number> | null;
  preview: MotionPreview | null;
  /** Jobs skipped so far because the worker was still busy. */
  skipped: number;
}

export interface BackgroundEvaluationOptions {
  model: RecipeModel;
  setup: Omit<WorkerSetup, 'type'>;
  /** Where the worker's answers go; called between steps (from the IPC message handler). */
  deliver(result: Evaluated): void;
  /** The worker could not start or died: evaluation continues in-process. */
  warn(message: string): void;
  inProcess?: boolean;
}

/** What a snapshot's preview request gets: the preview, or why there is no worker to make it. */
export type SnapshotPreviewAnswer = { preview: MotionPreview } | { unavailable: string };

export class BackgroundEvaluation {
  private client: EvaluationClient | null = null;
  private stopped = false;
  private inFlight: Promise<void> | null = null;
  /** A metrics job posted and not yet answered; snapshot previews queued in the worker do not count. */
  private metricsPending = false;
  private readonly cancelStart = new AbortController();
  /** Settles once the worker is ready, or known not to be coming. */
  private readonly started: Promise<void>;
  /** Why evaluation runs in-process, once it does. */
  private noWorker: string | null = null;
  /** Settles when close() is called: a snapshot's preview stops waiting for a worker still starting. */
  private readonly closing: Promise<void>;
  private markClosing: () => void = () => undefined;
  /** Bumped when the live history changes (restore, branch): answers about the old one are dropped. */
  private epoch = 0;
  skipped = 0;

  constructor(private readonly options: BackgroundEvaluationOptions) {
    this.closing = new Promise((resolve) => (this.markClosing = resolve));
    if (options.inProcess ?? process.env[EVAL_IN_PROCESS_ENV] === '1') {
      this.noWorker = `evaluation runs in the training process (${EVAL_IN_PROCESS_ENV}=1)`;
      this.started = Promise.resolve();
      return;
    }
    this.started = EvaluationClient.start({ type: 'setup', ...options.setup }, {}, this.cancelStart.signal).then(
      (client) => {
        if (this.stopped) return client.stop();
        this.client = client;
        // Dying while idle is said too, not only when the next job fails.
        client.onGone((reason) => {
          if (!this.stopped) this.lost(client, new Error(reason));
        });
      },
      (error: Error) => {
        this.noWorker = `the evaluation worker could not start (${error.message})`;
        if (!this.stopped && !this.cancelStart.signal.aborted) options.warn(`Evaluation runs in the training process (slower training): ${error.message}.`);
      },
    );
  }

  /** True while a worker takes evaluations; false means the loop evaluates in-process. */
  get offloaded(): boolean {
    return this.client !== null && this.client.gone === null;
  }

  get workerPid(): number | undefined {
    return this.client?.pid;
  }

  /** The weights in use now belong to another history: late answers about the old one are dropped. */
  forget(): void {
    this.epoch++;
  }

  /** Copies the weights as they are at `step` and posts a job; skips (and counts) when the worker is busy. */
  post(step: number, branch: string, want: { metrics: boolean; preview: boolean }): void {
    const client = this.client;
    if (!client) return;
    if (this.metricsPending) {
      this.skipped++;
      return;
    }
    const epoch = this.epoch;
    const { model } = this.options;
    this.metricsPending = true;
    const job = client.run({ weights: packWeights(model.params), state: model.evaluationState?.() ?? {}, ...want });
    void job.finally(() => (this.metricsPending = false)).catch(() => undefined);
    this.inFlight = job.then(
      (result) => {
        if (epoch === this.epoch && !this.stopped) this.options.deliver({ step, branch, values: result.values, preview: result.preview, skipped: this.skipped });
      },
      (error: Error) => {
        if (this.stopped) return;
        if (client.gone !== null) this.lost(client, error);
        else this.options.warn(`Evaluation at step ${step} failed in the evaluation worker: ${error.message}.`);
      },
    );
  }

  /**
   * A snapshot's preview, generated by the worker from the snapshot's files (verified there).
   * Waits for a worker still starting, and queues behind its current job: a snapshot's preview
   * is never skipped the way a metrics job is, since no later job brings it. Without a worker
   * the answer says why (the caller decides what to do); a snapshot that does not verify, or
   * a preview that fails, rejects with the worker's message.
   */
  async snapshotPreview(snapshotDir: string): Promise<SnapshotPreviewAnswer> {
    await Promise.race([this.started, this.closing]);
    const client = this.client;
    if (client && client.gone !== null && !this.stopped) this.lost(client, new Error(client.gone));
    if (!client || client.gone !== null || this.stopped) return { unavailable: this.noWorker ?? 'the evaluation worker has stopped' };
    try {
      const { preview } = await client.previewSnapshot(snapshotDir);
      if (!preview) throw new Error('the evaluation worker sent no preview');
      return { preview };
    } catch (error) {
      if (client.gone === null) throw error;
      if (!this.stopped) this.lost(client, error as Error);
      return { unavailable: this.noWorker ?? client.gone };
    }
  }

  /** The worker died: evaluation comes back in-process, said once however many jobs it takes down. */
  private lost(client: EvaluationClient, error: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.noWorker = client.gone ?? error.message;
    client.stop();
    this.options.warn(`Evaluation moved back into the training process (slower training): ${error.message}.`);
  }

  /** Waits for the metrics job in flight (so a stopped run still logs its last evaluation), then ends the worker. */
  async close(): Promise<void> {
    this.markClosing();
    this.cancelStart.abort();
    // Bounded: a hung worker must not hold up the end of a run.
    await Promise.race([this.inFlight, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    this.stopped = true;
    this.client?.stop();
    this.client = null;
  }
}
