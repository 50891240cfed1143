/**
 * What main remembers about the trainer from the few events it is sent (see
 * trainer/transport/electron-ports.ts): enough to stop the live run on quit and to reopen the
 * project after a crash. Pure, so it is tested without Electron.
 */
import type { Command, EventOf, RunState, TrainerEvent } from '../trainer/protocol';

export interface SupervisedState {
  /** The open project's folder, as the trainer reported it (absolute). */
  projectPath: string | null;
  /** The run that is training (running or paused), if any. */
  liveRun: { id: string; state: RunState } | null;
  /** The run that was training last, kept after it ends so a restart knows what to resume. */
  lastRunId: string | null;
  /** The newest run that has not started yet: what Run > Start starts. */
  startableRunId: string | null;
  /** The newest snapshot the trainer reported, per run id. */
  lastSnapshot: Record<string, { id: string; step: number }>;
}

export const EMPTY_STATE: SupervisedState = { projectPath: null, liveRun: null, lastRunId: null, startableRunId: null, lastSnapshot: {} };

export function trackHostEvent(state: SupervisedState, event: TrainerEvent): SupervisedState {
  switch (event.type) {
    case 'project/opened':
      return { ...state, projectPath: event.project.path, liveRun: null, startableRunId: event.project.runs.findLast((r) => r.state === 'idle')?.id ?? null };
    case 'run/created':
      return event.run.state === 'idle' ? { ...state, startableRunId: event.run.id } : state;
    case 'run/state': {
      const { id, state: runState } = event.run;
      const startableRunId = state.startableRunId === id ? null : state.startableRunId;
      if (runState === 'running' || runState === 'paused') return { ...state, liveRun: { id, state: runState }, lastRunId: id, startableRunId };
      return { ...state, startableRunId, liveRun: state.liveRun?.id === id ? null : state.liveRun };
    }
    case 'snapshot/taken':
      return { ...state, lastSnapshot: { ...state.lastSnapshot, [event.runId]: { id: event.snapshot.id, step: event.snapshot.step } } };
    default:
      return state;
  }
}

/** What a restarted trainer is sent first: the project reopens (which flags a run the crash interrupted). */
export function reopenCommand(state: SupervisedState, requestId: string): (Command & { requestId: string }) | null {
  return state.projectPath ? { type: 'project/open', path: state.projectPath, requestId } : null;
}

/**
 * Then the run that was training when the trainer died trains on from its last good snapshot
 * (verified by the trainer; history kept, continuing on a new branch). Nothing to resume when
 * it was not training, or when it has no snapshot that verifies: it stays stopped, as the
 * reopened project shows it.
 */
export function resumeCommand(opened: EventOf<'project/opened'>, interruptedRunId: string | null, requestId: string): Command | null {
  const run = interruptedRunId ? opened.project.runs.find((r) => r.id === interruptedRunId) : undefined;
  const snapshotId = run?.interrupted?.lastGoodSnapshot;
  if (!run || !snapshotId) return null;
  return { type: 'snapshot/restore', runId: run.id, snapshotId, mode: 'branch', requestId };
}

/** The run/stop (and optional snapshot first) that ends the live run cleanly before the process goes. */
export function stopCommands(state: SupervisedState, snapshotFirst: boolean, requestId: (purpose: string) => string): Command[] {
  const run = state.liveRun;
  if (!run) return [];
  const commands: Command[] = [];
  if (snapshotFirst) commands.push({ type: 'snapshot/take', runId: run.id, label: 'on exit', requestId: requestId('snapshot') });
  commands.push({ type: 'run/stop', runId: run.id, requestId: requestId('stop') });
  return commands;
}
