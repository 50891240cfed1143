/**
 * The trainer's side of the evaluation worker: forks it (dist/trainer/evaluation-worker.js
 * from the built app, this folder's .ts through tsx from source, as trainer-child.ts does),
 * sets it up and runs one job at a time on it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MotionPreview } from '../recipes/recipe.js';
import type { EvaluationJob, FromWorker, WorkerSetup } from './worker-messages.js';

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

export class EvaluationClient {
  private pending: { id: number; resolve(result: JobResult): void; reject(error: Error): void } | null = null;
  private nextId = 1;
  private exitReason: string | null = null;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: FromWorker) => {
      const job = this.pending;
      if (!job || message.type === 'ready' || message.id !== job.id) return;
      this.pending = null;
      if (message.type === 'done') job.resolve({ values: message.values, preview: message.preview, numTensors: message.numTensors });
      else job.reject(new Error(message.message));
    });
    child.once('exit', (code, signal) => {
      this.exitReason = `the evaluation worker exited (${signal ?? `code ${code}`})`;
      this.pending?.reject(new Error(this.exitReason));
      this.pending = null;
    });
  }

  /** Forks and sets up a worker; rejects with the reason if it cannot start. */
  static start(setup: WorkerSetup, env: NodeJS.ProcessEnv = {}): Promise<EvaluationClient> {
    const { entry, execArgv } = evaluationWorkerEntry();
    // ELECTRON_RUN_AS_NODE: inside Electron's utilityProcess, execPath is Electron itself.
    const child = fork(entry, [], { execArgv, serialization: 'advanced', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const fail = (reason: string) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        child.kill('SIGKILL');
        reject(new Error(reason));
      };
      const onMessage = (message: FromWorker) => {
        if (message.type === 'failed') return fail(`the evaluation worker could not set up: ${message.message}`);
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(new EvaluationClient(child));
      };
      const onExit = (code: number | null, signal: string | null) => fail(`the evaluation worker exited while starting (${signal ?? `code ${code}`})`);
      const timer = setTimeout(() => fail(`the evaluation worker was not ready within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.once('error', (error) => fail(`the evaluation worker could not start: ${error.message}`));
      child.send(setup);
    });
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  /** Why the worker is gone, or null while it runs. */
  get gone(): string | null {
    return this.exitReason;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  run(job: Omit<EvaluationJob, 'type' | 'id'>): Promise<JobResult> {
    if (this.exitReason) return Promise.reject(new Error(this.exitReason));
    if (this.pending) return Promise.reject(new Error('the evaluation worker is busy'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject };
      this.child.send({ type: 'job', id, ...job } satisfies EvaluationJob);
    });
  }

  stop(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
  }
}
