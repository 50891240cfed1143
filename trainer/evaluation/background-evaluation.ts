/**
 * Validation metrics and previews off the training path: the loop hands over a copy of the
 * latest weights and goes on stepping; the worker's answer comes back tagged with the step
 * (and branch) the weights were taken at. The loop never waits: a job due while the worker is
 * busy is skipped (the next one brings newer weights) and counted. Until the worker is ready,
 * after it dies, or with STAGECRAFT_EVAL_IN_PROCESS=1, the loop evaluates in-process as before.
 */
import type { MotionPreview, RecipeModel } from '../recipes/recipe.js';
import { EvaluationClient } from './evaluation-client.js';
import { packWeights } from './packed-weights.js';
import type { WorkerSetup } from './worker-messages.js';

/** Set to 1 for in-process evaluation (deterministic timing in tests, or a one-core machine). */
export const EVAL_IN_PROCESS_ENV = 'STAGECRAFT_EVAL_IN_PROCESS';

/** Longest a finished run waits for the evaluation in flight. */
const CLOSE_WAIT_MS = 60_000;

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

export class BackgroundEvaluation {
  private client: EvaluationClient | null = null;
  private stopped = false;
  private inFlight: Promise<void> | null = null;
  /** Bumped when the live history changes (restore, branch): answers about the old one are dropped. */
  private epoch = 0;
  skipped = 0;

  constructor(private readonly options: BackgroundEvaluationOptions) {
    if (options.inProcess ?? process.env[EVAL_IN_PROCESS_ENV] === '1') return;
    EvaluationClient.start({ type: 'setup', ...options.setup }).then(
      (client) => {
        if (this.stopped) return client.stop();
        this.client = client;
      },
      (error: Error) => {
        if (!this.stopped) options.warn(`Evaluation runs in the training process (slower training): ${error.message}.`);
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
    if (client.busy) {
      this.skipped++;
      return;
    }
    const epoch = this.epoch;
    const { model } = this.options;
    const job = client.run({ weights: packWeights(model.params), state: model.evaluationState?.() ?? {}, ...want });
    this.inFlight = job.then(
      (result) => {
        if (epoch === this.epoch && !this.stopped) this.options.deliver({ step, branch, values: result.values, preview: result.preview, skipped: this.skipped });
      },
      (error: Error) => {
        if (this.stopped) return;
        if (client.gone !== null) {
          this.client = null;
          client.stop();
          this.options.warn(`Evaluation moved back into the training process (slower training): ${error.message}.`);
        } else this.options.warn(`Evaluation at step ${step} failed in the evaluation worker: ${error.message}.`);
      },
    );
  }

  /** Waits for the job in flight (so a stopped run still logs its last evaluation), then ends the worker. */
  async close(): Promise<void> {
    // Bounded: a hung worker must not hold up the end of a run.
    await Promise.race([this.inFlight, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    this.stopped = true;
    this.client?.stop();
    this.client = null;
  }
}
