import { isLive, type RunState } from '../../trainer/protocol';

export interface RunActions {
  start: boolean;
  pause: boolean;
  resume: boolean;
  stop: boolean;
  /** A stopped run trains on from its stop snapshot (the trainer says so if it has none). */
  continue: boolean;
}

/** Which run buttons apply in each state; stopped and failed runs are finished. */
export function runActions(state: RunState | null): RunActions {
  return {
    start: state === 'idle',
    pause: state === 'running',
    resume: state === 'paused',
    stop: state !== null && isLive({ state }),
    continue: state === 'stopped',
  };
}
