/**
 * The reducer's cases for what happens inside a live run: controls applied, snapshots, stage
 * changes, warnings. Each leaves a mark on the run's timeline at the step it happened, so every
 * chart can draw it; the window never invents a step, it only records the trainer's.
 */
import { handoffMarkLabel, type EventOf, type RunSummary, type TimelineMark } from '../../trainer/protocol';
import { emptyRunData, MAX_WARNINGS, type AppliedAt, type RunData, type TrainerView, type WarningNotice } from './trainer-view';

export function controlsApplied(state: TrainerView, event: EventOf<'controls/applied'>): TrainerView {
  const withSummary = patchRun(state, event.runId, { controls: event.controls });
  return updateRunData(withSummary, event.runId, (data) => {
    // A patch that changed nothing is still answered (so the sender knows), but it is no event on the timeline.
    if (event.changed.length === 0) return { ...data, controls: event.controls };
    const appliedAt = { ...data.appliedAt };
    for (const key of event.changed) appliedAt[key] = event.step;
    const label = event.label || event.changed.join(', ');
    const mark: TimelineMark = { step: event.step, kind: 'controls', label, changed: event.changed };
    return { ...data, controls: event.controls, appliedAt, timeline: insertMark(data.timeline, mark) };
  });
}

/**
 * Control path → the step it last applied at, read back from the trainer's timeline: its
 * 'controls' marks say what changed, so a reloaded window shows "applied at step N" again.
 * Marks without `changed` (older runs) say nothing about which control they were.
 */
export function appliedAtFrom(timeline: readonly TimelineMark[]): AppliedAt {
  const appliedAt: AppliedAt = {};
  for (const mark of timeline) {
    if (mark.kind !== 'controls' || !mark.changed) continue;
    for (const key of mark.changed) appliedAt[key] = Math.max(appliedAt[key] ?? mark.step, mark.step);
  }
  return appliedAt;
}

export function snapshotTaken(state: TrainerView, event: EventOf<'snapshot/taken'>): TrainerView {
  const { snapshot } = event;
  return updateRunData(state, event.runId, (data) => {
    if (data.snapshots.some((s) => s.id === snapshot.id)) return data;
    const mark: TimelineMark = { step: snapshot.step, kind: 'snapshot', label: snapshotLabel(snapshot.reason, snapshot.label) };
    return { ...data, snapshots: [...data.snapshots, snapshot], timeline: insertMark(data.timeline, mark) };
  });
}

/** A layer group started afresh: the trainer's own mark goes on the timeline. */
export function layersReinitialized(state: TrainerView, event: EventOf<'layers/reinitialized'>): TrainerView {
  return updateRunData(state, event.runId, (data) => ({ ...data, timeline: insertMark(data.timeline, event.mark) }));
}

export function stageChanged(state: TrainerView, event: EventOf<'stage/changed'>): TrainerView {
  const next = patchRun(state, event.runId, { stage: event.stage });
  const mark: TimelineMark = { step: event.step, kind: 'stage', label: `stage ${event.stage.index + 1}: ${event.name}` };
  return updateRunData(next, event.runId, (data) => ({ ...data, timeline: insertMark(data.timeline, mark) }));
}

/** A stage ended and waits for the person (or stopped waiting): the panel follows it, the chart marks where it ended. */
export function stageHandoff(state: TrainerView, event: EventOf<'stage/handoff'>): TrainerView {
  const { handoff } = event;
  const next = patchRun(state, event.runId, { handoff: handoff ?? undefined });
  if (!handoff) return next;
  const mark: TimelineMark = { step: handoff.step, kind: 'stage', label: handoffMarkLabel(handoff) };
  return updateRunData(next, event.runId, (data) => ({ ...data, timeline: insertMark(data.timeline, mark) }));
}

export function warned(state: TrainerView, event: EventOf<'warning'>): TrainerView {
  const key = `${event.step}|${event.code}|${event.message}`;
  return updateRunData(state, event.runId, (data) => {
    if (data.warnings.some((w) => w.key === key)) return data;
    const notice: WarningNotice = { key, step: event.step, code: event.code, message: event.message, dismissed: false, ...(event.snapshotId ? { snapshotId: event.snapshotId } : {}) };
    const mark: TimelineMark = { step: event.step, kind: 'warning', label: event.message };
    return { ...data, warnings: [...data.warnings, notice].slice(-MAX_WARNINGS), timeline: insertMark(data.timeline, mark) };
  });
}

/** The condition behind a code's warnings ended: they leave the screen (their chart markers stay). */
export function warningCleared(state: TrainerView, event: EventOf<'warning/cleared'>): TrainerView {
  return updateRunData(state, event.runId, (data) =>
    data.warnings.some((w) => w.code === event.code && !w.dismissed && w.step <= event.step)
      ? { ...data, warnings: data.warnings.map((w) => (w.code === event.code && w.step <= event.step ? { ...w, dismissed: true, cleared: event.message } : w)) }
      : data,
  );
}

export function motionExported(state: TrainerView, event: EventOf<'motion/exported'>): TrainerView {
  return updateRunData(state, event.runId, (data) => ({ ...data, exports: [...data.exports, event] }));
}

export function sessionsListed(state: TrainerView, event: EventOf<'run/sessions'>): TrainerView {
  return updateRunData(state, event.runId, (data) => ({ ...data, sessions: event.sessions }));
}

export function tensorboardExported(state: TrainerView, event: EventOf<'tensorboard/exported'>): TrainerView {
  return updateRunData(state, event.runId, (data) => ({ ...data, tensorboard: event }));
}

export function dismissWarning(state: TrainerView, runId: string, key: string): TrainerView {
  return updateRunData(state, runId, (data) =>
    data.warnings.some((w) => w.key === key && !w.dismissed)
      ? { ...data, warnings: data.warnings.map((w) => (w.key === key ? { ...w, dismissed: true } : w)) }
      : data,
  );
}

/** "auto before random warp off", "manual: before GAN": the words the trainer's own timeline uses, so a reload reads the same. */
export function snapshotLabel(reason: string, label: string): string {
  return label ? `${reason}: ${label}` : reason || 'snapshot';
}

/** Patches the summary of a known run (and the project's copy); unknown runs change nothing. */
export function patchRun(state: TrainerView, runId: string, patch: Partial<RunSummary>): TrainerView {
  if (!state.runs.some((r) => r.id === runId)) return state;
  const runs = state.runs.map((r) => (r.id === runId ? { ...r, ...patch } : r));
  return { ...state, runs, project: state.project ? { ...state.project, runs } : null };
}

export function updateRunData(state: TrainerView, runId: string, update: (data: RunData) => RunData): TrainerView {
  const data = state.runData[runId] ?? emptyRunData;
  const next = update(data);
  return next === data ? state : { ...state, runData: { ...state.runData, [runId]: next } };
}

/** Inserts after every mark at the same or an earlier step, so equal steps keep arrival order. A repeat is kept once. */
export function insertMark(timeline: readonly TimelineMark[], mark: TimelineMark): TimelineMark[] {
  if (timeline.some((m) => m.step === mark.step && m.kind === mark.kind && m.label === mark.label)) return timeline as TimelineMark[];
  let at = timeline.length;
  while (at > 0 && timeline[at - 1]!.step > mark.step) at--;
  return [...timeline.slice(0, at), mark, ...timeline.slice(at)];
}

/** The trainer's timeline in step order (stable), whatever order it was stored in. */
export function sortedTimeline(timeline: readonly TimelineMark[]): TimelineMark[] {
  return timeline.map((m, i) => [m, i] as const).sort(([a, i], [b, j]) => a.step - b.step || i - j).map(([m]) => m);
}
