/**
 * The trainer's side of the evaluation worker: forks it (dist/trainer/evaluation-worker.js
 * from the built app, this folder's .ts through tsx from source, as trainer-child.ts does),
 * sets it up and hands it jobs. Jobs sent while one runs wait their turn in the worker (it
 * takes them in order); whether to send one to a busy worker is the caller's choice.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MotionPreview } from '../recipes/recipe.js';
import type { EvaluationJob, FromWorker, SnapshotPreviewJob, WorkerJob, WorkerSetup } from './worker-messages.js';

/** Loading TF.js, the dataset and building the model: generous, a loaded machine is slow. */
const START_TIMEOUT_MS = 120_000;

export interface JobResult {
  values: Record<string, number> | null;
  preview: MotionPreview | null;
  /** The worker's live tensor count after the job, so a leak there is visible too. */
  numTensors: number;
}

export function evaluationWorkerEntry(): { entry: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'evaluation-worker.js');
  if (existsSync(built)) return { entry: built, execArgv: [] };
  return { entry: join(here, 'evaluation-worker.ts'), execArgv: ['--import', 'tsx'] };
}

interface PendingJob {
  resolve(result: JobResult): void;
  reject(error: Error): void;
}

export class EvaluationClient {
  /** Jobs sent and not yet answered, by id; the worker answers them in the order sent. */
  private readonly pending = new Map<number, PendingJob>();
  private nextId = 1;
  private exitReason: string | null = null;
  private readonly goneListeners: ((reason: string) => void)[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: FromWorker) => {
      if (message.type === 'ready' || message.id === null) return;
      const job = this.pending.get(message.id);
      if (!job) return;
      this.pending.delete(message.id);
      if (message.type === 'done') job.resolve({ values: message.values, preview: message.preview, numTensors: message.numTensors });
      else job.reject(new Error(message.message));
    });
    child.once('exit', (code, signal) => {
      const reason = `the evaluation worker exited (${signal ?? `code ${code}`})`;
      this.exitReason = reason;
      for (const job of this.pending.values()) job.reject(new Error(reason));
      this.pending.clear();
      for (const listener of this.goneListeners) listener(reason);
    });
  }

  /** Forks and sets up a worker; rejects with the reason if it cannot start. */
  static start(setup: WorkerSetup, env: NodeJS.ProcessEnv = {}, signal?: AbortSignal): Promise<EvaluationClient> {
    const { entry, execArgv } = evaluationWorkerEntry();
    // ELECTRON_RUN_AS_NODE: inside Electron's utilityProcess, execPath is Electron itself.
    const child = fork(entry, [], { execArgv, serialization: 'advanced', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const fail = (reason: string) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.kill('SIGKILL');
        reject(new Error(reason));
      };
      const onMessage = (message: FromWorker) => {
        if (message.type === 'failed') return fail(`the evaluation worker could not set up: ${message.message}`);
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(new EvaluationClient(child));
      };
      const onExit = (code: number | null, signal: string | null) => fail(`the evaluation worker exited while starting (${signal ?? `code ${code}`})`);
      const timer = setTimeout(() => fail(`the evaluation worker was not ready within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
      // The run ended before its worker was ready: no reason to go on loading the dataset.
      const onAbort = () => fail('the run ended before the evaluation worker was ready');
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.once('error', (error) => fail(`the evaluation worker could not start: ${error.message}`));
      child.send(setup);
    });
  }

  /** True while any job sent is unanswered (running, or waiting its turn in the worker). */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Calls `listener` with the reason once the worker process exits, busy or idle. */
  onGone(listener: (reason: string) => void): void {
    this.goneListeners.push(listener);
  }

  /** Why the worker is gone, or null while it runs. */
  get gone(): string | null {
    return this.exitReason;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Validation metrics and/or a preview of the weights sent; waits behind jobs sent earlier. */
  run(job: Omit<EvaluationJob, 'type' | 'id'>): Promise<JobResult> {
    return this.send((id) => ({ type: 'job', id, ...job }) satisfies EvaluationJob);
  }

  /** The preview of a snapshot on disk, read and verified by the worker; waits behind jobs sent earlier. */
  previewSnapshot(snapshotDir: string): Promise<JobResult> {
    return this.send((id) => ({ type: 'snapshot-preview', id, snapshotDir }) satisfies SnapshotPreviewJob);
  }

  private send(job: (id: number) => WorkerJob): Promise<JobResult> {
    if (this.exitReason) return Promise.reject(new Error(this.exitReason));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A worker that just went away fails the send (the callback), never the trainer (an 'error' event nobody hears).
      this.child.send(job(id), (error) => {
        if (!error || !this.pending.delete(id)) return;
        reject(new Error(this.exitReason ?? `the evaluation worker did not take the job: ${error.message}`));
      });
    });
  }

  stop(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
  }
}
