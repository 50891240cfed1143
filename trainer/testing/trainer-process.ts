/** Test helper: the real trainer as a child process, with a fresh data folder and an event peer. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTrainerChild, type TrainerChild } from '../serve/trainer-child.js';
import { EventPeer } from './event-peer.js';

export interface TestTrainer {
  dir: string;
  child: TrainerChild;
  peer: EventPeer;
  /** Stops the process and removes its data folder. */
  stop(): Promise<void>;
}

export async function startTestTrainer(name: string): Promise<TestTrainer> {
  const dir = mkdtempSync(join(tmpdir(), `stagecraft-${name}-`));
  const child = startTrainerChild({ STAGECRAFT_DATA: dir });
  const peer = new EventPeer((raw) => child.send(raw as never));
  child.onEvent(peer.receive);
  await peer.next('hello');
  return {
    dir,
    child,
    peer,
    stop: async () => {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
