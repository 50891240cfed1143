/**
 * The real, built trainer process (dist/trainer/main.js, what `npm start` and serve mode run),
 * forked over Node IPC with a fresh data folder, and an EventPeer talking to it.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainerEvent } from '../../trainer/protocol.js';
import { EventPeer } from '../../trainer/testing/event-peer.js';

export const BUILT_TRAINER = join('dist', 'trainer', 'main.js');

export interface BuiltTrainer {
  peer: EventPeer;
  /** performance.now() when the process was spawned. */
  spawnedAt: number;
  /** performance.now() when each event arrived, in the order of peer.events. */
  arrivals: number[];
  stop(): Promise<void>;
}

/** A fresh data folder for a suite's trainers; remove it when done. */
export function benchDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-bench-data-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `env` adds to the trainer's environment (e.g. STAGECRAFT_EVAL_IN_PROCESS=1). */
export function startBuiltTrainer(dataDir: string, env: NodeJS.ProcessEnv = {}): BuiltTrainer {
  if (!existsSync(BUILT_TRAINER)) throw new Error(`${BUILT_TRAINER} is missing: run \`npm run build\` before this benchmark suite.`);
  const spawnedAt = performance.now();
  const child = fork(BUILT_TRAINER, [], { env: { ...process.env, ...env, STAGECRAFT_DATA: dataDir }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const peer = new EventPeer((raw) => {
    if (child.connected) child.send(raw as never);
  });
  const arrivals: number[] = [];
  child.on('message', (message) => {
    arrivals.push(performance.now());
    peer.receive(message as TrainerEvent);
  });
  return {
    peer,
    spawnedAt,
    arrivals,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
