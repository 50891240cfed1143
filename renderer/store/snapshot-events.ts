/**
 * The reducer's cases for snapshots and branches: the snapshot list, a restore (the charts
 * switch to the branch the run continues on), deletions, and a branch's history fetched for
 * browsing. `RunData.branch` names the branch whose points `metrics` holds, so live points
 * of another branch never mix into the history being browsed.
 */
import { MAIN_BRANCH, type EventOf, type TrainerEvent } from '../../trainer/protocol';
import { detailOfPage, fetchedRange } from './history-detail';
import { MetricLog } from './metric-log';
import { appliedAtFrom, patchRun, sortedTimeline, updateRunData } from './run-events';
import { MAX_SNAPSHOT_NOTES, type RunData, type TrainerView } from './trainer-view';


export type SnapshotEvent = EventOf<'snapshot/list' | 'snapshot/restored' | 'snapshot/deleted' | 'snapshot/verified' | 'snapshot/policy' | 'snapshot/compared' | 'metrics/history'>;

export function snapshotEvent(state: TrainerView, event: SnapshotEvent): TrainerView {
  switch (event.type) {
    case 'snapshot/list': {
      const withBranches = patchRun(state, event.runId, { branch: event.branch, branches: event.branches });
      return updateRunData(withBranches, event.runId, (data) => ({ ...data, snapshots: event.snapshots }));
    }
    case 'snapshot/restored': {
      const runs = state.runs.map((r) => (r.id === event.run.id ? event.run : r));
      const next: TrainerView = { ...state, runs, project: state.project ? { ...state.project, runs } : null };
      return updateRunData(next, event.runId, (data) => ({
        ...data,
        metrics: MetricLog.of(event.metrics),
        history: detailOfPage(event.metrics, event.wholeFrom),
        fetched: null,
        timeline: sortedTimeline(event.timeline),
        // What applied after the snapshot's step belongs to the history left behind.
        appliedAt: appliedAtFrom(event.timeline),
        branch: event.run.branch,
        controls: event.run.controls,
        snapshotNotes: withNote(data.snapshotNotes, { kind: 'restored', text: event.message }),
      }));
    }
    case 'snapshot/deleted':
      return updateRunData(state, event.runId, (data) => ({
        ...data,
        snapshots: data.snapshots.filter((s) => !event.snapshotIds.includes(s.id)),
        // What the person deleted they know of; what the policy deleted they must be told.
        snapshotNotes: event.by === 'person' ? data.snapshotNotes : withNote(data.snapshotNotes, { kind: 'thinned', text: event.reason }),
      }));
    case 'snapshot/policy':
      return patchRun(state, event.runId, { snapshotPolicy: event.policy });
    case 'metrics/history':
      if (event.fromStep !== undefined) return withFetched(state, event, event.fromStep);
      return updateRunData(state, event.runId, (data) => ({ ...data, metrics: MetricLog.of(event.points), history: detailOfPage(event.points, event.wholeFrom), fetched: null, branch: event.branch }));
    case 'snapshot/verified':
    case 'snapshot/compared':
      // Shown by the snapshots panel from its own slice; the run's data does not change.
      return state;
  }
}

/** A step range fetched for a closer view is kept beside the page it refines, if that is still its branch's. */
function withFetched(state: TrainerView, event: EventOf<'metrics/history'>, fromStep: number): TrainerView {
  if (event.branch !== viewedBranch(state, event.runId)) return state;
  const toStep = event.toStep ?? Number.MAX_SAFE_INTEGER;
  return updateRunData(state, event.runId, (data) => ({ ...data, fetched: fetchedRange({ points: event.points, wholeFrom: event.wholeFrom, fromStep, toStep }) }));
}

function withNote(notes: RunData['snapshotNotes'], note: RunData['snapshotNotes'][number]): RunData['snapshotNotes'] {
  return [...notes, note].slice(-MAX_SNAPSHOT_NOTES);
}

/** The branch whose history the window shows for a run: the one browsed, else the one it trains on. */
export function viewedBranch(state: TrainerView, runId: string): string {
  const data: RunData | undefined = state.runData[runId];
  return data?.branch ?? state.runs.find((r) => r.id === runId)?.branch ?? MAIN_BRANCH;
}

/**
 * The branch this window browsed before a resync (a reconnect's session/state brings the training
 * branch's history) when that differs from what it shows now and still exists: the window asks
 * for it again, so a dropped and restored connection keeps the person where they were.
 */
export function browsingLost(before: TrainerView, after: TrainerView): { runId: string; branch: string } | null {
  const runId = after.activeRunId;
  if (runId === null || before.project?.path !== after.project?.path) return null;
  const browsed = before.runData[runId]?.branch;
  const run = after.runs.find((r) => r.id === runId);
  if (!browsed || !run || browsed === viewedBranch(after, runId)) return null;
  const exists = browsed === MAIN_BRANCH || (run.branches ?? []).some((b) => b.name === browsed);
  return exists ? { runId, branch: browsed } : null;
}

/** Live points of a branch other than the one being browsed are not part of what is shown. */
export function isOtherBranch(state: TrainerView, event: Extract<TrainerEvent, { type: 'metrics/batch' }>): boolean {
  return event.branch !== viewedBranch(state, event.runId);
}
