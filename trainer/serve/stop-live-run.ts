/**
 * What SIGTERM/SIGINT to serve mode does to a run that is training: the same Stop the person
 * would press (the trainer snapshots first, then marks the run stopped in run.json), so the
 * run can Continue later instead of reading 'running' on disk with nothing behind it. Serve
 * asks the trainer which run is live rather than remembering it, since only the trainer knows.
 */
import type { TrainerEvent } from '../protocol.js';
import type { TrainerChild } from './trainer-child.js';

const STATE_REQUEST = 'serve-exit-state';
const STOP_REQUEST = 'serve-exit-stop';

/** Stops the live run, if any, and says what happened in a sentence for the log. Never rejects. */
export async function stopLiveRun(trainer: TrainerChild, timeoutMs: number): Promise<string> {
  if (!trainer.process.connected) return 'the trainer had already stopped';
  const deadline = Date.now() + timeoutMs;
  const state = await answer(trainer, { type: 'state/get', requestId: STATE_REQUEST }, STATE_REQUEST, deadline);
  if (state === null) return 'the trainer did not answer; no run was stopped';
  if (state.type !== 'session/state') return `the trainer could not say which run is live (${describe(state)})`;
  const run = state.active?.run;
  if (!run || (run.state !== 'running' && run.state !== 'paused')) return 'no run was training';
  const stopped = await answer(trainer, { type: 'run/stop', runId: run.id, requestId: STOP_REQUEST }, STOP_REQUEST, deadline);
  if (stopped === null) return `run '${run.name}' did not stop within ${Math.round(timeoutMs / 1000)} s; it will resume from its last snapshot when opened`;
  if (stopped.type === 'run/state') return `stopped run '${run.name}' at step ${stopped.run.step} (snapshot first)`;
  return `run '${run.name}' could not be stopped: ${describe(stopped)}`;
}

/** The first event answering `requestId`, or null at the deadline or if the trainer exits. */
function answer(trainer: TrainerChild, command: Parameters<TrainerChild['send']>[0], requestId: string, deadline: number): Promise<TrainerEvent | null> {
  return new Promise((resolve) => {
    const finish = (event: TrainerEvent | null) => {
      clearTimeout(timer);
      offEvent();
      offExit();
      resolve(event);
    };
    const timer = setTimeout(() => finish(null), Math.max(0, deadline - Date.now()));
    const offEvent = trainer.onEvent((event) => {
      if ('requestId' in event && event.requestId === requestId) finish(event);
    });
    const offExit = trainer.onExit(() => finish(null));
    trainer.send(command);
  });
}

function describe(event: TrainerEvent): string {
  return event.type === 'error' ? event.message : event.type;
}
