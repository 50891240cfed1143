/**
 * Starts the trainer as a Node child process and talks to it over IPC. From the built app
 * it runs dist/trainer/main.js; from source (tests, dev) it runs trainer/main.ts through tsx.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, TrainerEvent } from '../protocol.js';

export interface TrainerChild {
  process: ChildProcess;
  /**
   * Sends a command over IPC. `written` is called once the channel has taken it (or at once
   * when the trainer is gone): until then it waits in this process's memory.
   */
  send(command: Command, written?: () => void): void;
  onEvent(listener: (event: TrainerEvent) => void): () => void;
  /** Fires once when the child exits, for whatever reason. */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): () => void;
  stop(): Promise<void>;
}

export function trainerEntry(): { entry: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'main.js');
  if (existsSync(built)) return { entry: built, execArgv: [] };
  return { entry: join(here, '..', 'main.ts'), execArgv: ['--import', 'tsx'] };
}

export function startTrainerChild(env: NodeJS.ProcessEnv = {}): TrainerChild {
  const { entry, execArgv } = trainerEntry();
  // Its own process group (not on Windows, where that opens a console): Ctrl-C in a terminal
  // signals the whole group, and the trainer must outlive it long enough for its host to stop
  // the live run cleanly. It still exits when its host goes, on the IPC channel closing.
  const child = fork(entry, [], {
    execArgv,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    detached: process.platform !== 'win32',
  });
  // A failed send or kill is reported here; unhandled, it would throw out of the host process.
  child.on('error', (error) => console.error(`[trainer-child] ${error.message}`));
  return {
    process: child,
    send(command, written) {
      if (!child.connected) return written?.();
      child.send(command, () => written?.());
    },
    onEvent(listener) {
      const handler = (message: unknown) => listener(message as TrainerEvent);
      child.on('message', handler);
      return () => child.off('message', handler);
    },
    onExit(listener) {
      child.once('exit', listener);
      return () => child.off('exit', listener);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect?.();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
