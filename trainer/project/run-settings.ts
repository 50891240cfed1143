/**
 * The settings a person changes on a run whether or not it trains (autopilot, collapse guard,
 * snapshot policy): the record they make and the event that answers them, in one place. The
 * live run's controller saves the record and the session saves a stopped run's; both answer
 * with the same event.
 */
import { answering, guardSettingsOf, type CommandOf, type TrainerEvent } from '../protocol.js';
import { DEFAULT_SNAPSHOT_POLICY } from '../snapshots/retention.js';
import { toSummary, type RunFile } from './project-store.js';

export type SettingsCommand = CommandOf<'run/autopilot' | 'guard/set' | 'snapshot/policy'>;

export function changeSettings(run: RunFile, command: SettingsCommand): { run: RunFile; answer: TrainerEvent } {
  const { requestId } = command;
  switch (command.type) {
    case 'run/autopilot': {
      const next = { ...run, autopilot: command.enabled };
      return { run: next, answer: { type: 'run/updated', ...answering(requestId), run: toSummary(next), reason: `autopilot ${command.enabled ? 'on' : 'off'}` } };
    }
    case 'guard/set': {
      const next = { ...run, guard: { ...guardSettingsOf(run), ...command.settings } };
      return { run: next, answer: { type: 'run/updated', ...answering(requestId), run: toSummary(next), reason: 'guard settings changed' } };
    }
    case 'snapshot/policy': {
      const policy = { ...(run.snapshotPolicy ?? DEFAULT_SNAPSHOT_POLICY), ...command.policy };
      return { run: { ...run, snapshotPolicy: policy }, answer: { type: 'snapshot/policy', ...answering(requestId), runId: run.id, policy } };
    }
  }
}
