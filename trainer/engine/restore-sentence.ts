/**
 * What a restore did, in one sentence a person reads: which step the run is back at, on which
 * branch, where the line of history it left went, and why it waits (a snapshot taken before a
 * change brings the run back to before it, paused, so the change is not simply made again).
 */
import type { SnapshotInfo, StageHandoff } from '../protocol.js';

export interface RestoreOutcome {
  asked: 'branch' | 'discard' | 'continue';
  snapshot: SnapshotInfo;
  /** The branch and step the run was at before the restore. */
  left: { branch: string; step: number };
  /** The branch it trains on now. */
  branch: string;
  paused: boolean;
  handoff: StageHandoff | null;
}

export function restoreSentence({ asked, snapshot, left, branch, paused, handoff }: RestoreOutcome): string {
  const at = snapshot.step.toLocaleString('en');
  if (asked === 'continue') return `Continued at step ${at} on ${branch}, where the run stopped.`;
  const lost = Math.max(0, left.step - snapshot.step);
  const where =
    asked === 'branch'
      ? `Restored step ${at} as ${branch}; ${left.branch}'s ${left.step.toLocaleString('en')} steps are kept (choose ${left.branch} under Branch to see them).`
      : `Restored step ${at} on ${branch}; the ${lost.toLocaleString('en')} steps after it were discarded.`;
  if (!paused) return where;
  const why = snapshot.label ? `${snapshot.reason} (${snapshot.label})` : snapshot.reason;
  const wait = handoff
    ? ` Paused at the end of stage ${handoff.index + 1}, before "${handoff.next.name}": go on from the stage hand-off when you are ready; autopilot is off.`
    : ` Paused with the controls as they were (${why}); press Resume to train on; autopilot is off.`;
  return where + wait;
}
