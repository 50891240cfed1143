/**
 * The pure reducer from trainer events to what the window shows. The renderer never computes
 * training state; it folds what the trainer reports into a TrainerView and nothing else.
 */
import { bestLikenesses, isLive, PROTOCOL_VERSION, type EventOf, type MetricPoint, type ProjectInfo, type RunSummary, type TrainerEvent } from '../../trainer/protocol';
import { appliedAtFrom, controlsApplied, layersReinitialized, motionExported, patchRun, sessionsListed, snapshotTaken, sortedTimeline, stageChanged, stageHandoff, tensorboardExported, warned, warningCleared } from './run-events';
import { detailOfPage } from './history-detail';
import { MetricLog } from './metric-log';
import { isOtherBranch, snapshotEvent } from './snapshot-events';
import { emptyRunData, MAX_RECENT_ERRORS, type RecentError, type RunData, type TrainerView } from './trainer-view';

export function applyEvent(state: TrainerView, event: TrainerEvent): TrainerView {
  switch (event.type) {
    case 'hello':
      return greet(state, event);
    case 'backend/selected':
      return { ...state, backend: event.backend, backendSkipped: event.skipped, backendKernels: event.kernels };
    case 'session/state':
      return resync(state, event);
    case 'project/opened':
      return openProject(state, event.project);
    case 'dataset/imported':
      return { ...openProject(state, event.project), lastImport: event.report };
    case 'run/list':
      return withRuns(state, event.runs);
    case 'run/created':
      // The person who pressed "New run" means to use it next: make it the active one.
      return { ...upsertRun(state, event.run), activeRunId: event.run.id };
    case 'run/state':
      return runStateChanged(state, event.run);
    case 'run/updated':
      return upsertRun(state, event.run);
    case 'run/deleted':
      return withoutRun(state, event.runId);
    case 'stage/handoff':
      return stageHandoff(state, event);
    case 'metrics/batch':
      return isOtherBranch(state, event) ? state : appendMetrics(state, event.runId, event.points);
    case 'controls/applied':
      return controlsApplied(state, event);
    case 'snapshot/taken':
      return snapshotTaken(state, event);
    case 'layers/reinitialized':
      return layersReinitialized(state, event);
    case 'stage/changed':
      return stageChanged(state, event);
    case 'plan/updated':
      return patchRun(state, event.runId, { plan: event.plan, stage: event.stage });
    case 'warning':
      return warned(state, event);
    case 'warning/cleared':
      return warningCleared(state, event);
    case 'motion/exported':
      return motionExported(state, event);
    case 'tensorboard/exported':
      return tensorboardExported(state, event);
    case 'run/sessions':
      return sessionsListed(state, event);
    case 'download/ready':
      return { ...state, downloads: [...state.downloads.slice(-(MAX_RECENT_ERRORS - 1)), event] };
    case 'error':
      return recordError(state, { code: event.code, message: event.message, commandType: event.commandType, requestId: event.requestId });
    case 'trainer/exited':
      return { ...state, exited: { code: event.code, signal: event.signal, message: event.message } };
    case 'snapshot/list':
    case 'snapshot/restored':
    case 'snapshot/deleted':
    case 'snapshot/verified':
    case 'snapshot/policy':
    case 'snapshot/compared':
    case 'metrics/history':
      return snapshotEvent(state, event);
    case 'preview/ready':
    case 'preview/history':
      // Held by the preview slice (preview-slice.ts): only what is on screen, not the run's data.
      return state;
  }
}

/** Makes a run the one the controls and chart refer to; unknown ids leave things as they are. */
export function selectRun(state: TrainerView, runId: string): TrainerView {
  return state.runs.some((r) => r.id === runId) ? { ...state, activeRunId: runId } : state;
}

export function dismissError(state: TrainerView, errorId: number): TrainerView {
  return { ...state, errors: state.errors.map((e) => (e.id === errorId ? { ...e, dismissed: true } : e)) };
}

/** Records an error the window itself noticed (e.g. a protocol mismatch), like a trainer error. */
export function recordError(state: TrainerView, error: Omit<RecentError, 'id' | 'dismissed'>): TrainerView {
  const entry: RecentError = { ...error, id: state.nextErrorId, dismissed: false };
  return { ...state, errors: [...state.errors, entry].slice(-MAX_RECENT_ERRORS), nextErrorId: state.nextErrorId + 1 };
}

function greet(state: TrainerView, event: EventOf<'hello'>): TrainerView {
  // A trainer that says hello is alive, whatever happened to the previous one.
  const next: TrainerView = { ...state, trainerVersion: event.trainerVersion, recipes: event.recipes, exited: null };
  if (event.protocolVersion === PROTOCOL_VERSION) return next;
  return recordError(next, {
    code: 'protocol-version',
    message: `This window speaks protocol version ${PROTOCOL_VERSION} but the trainer speaks version ${event.protocolVersion}. Rebuild Stagecraft so both match.`,
  });
}

function resync(state: TrainerView, event: EventOf<'session/state'>): TrainerView {
  const sameProject = state.project !== null && event.project !== null && state.project.path === event.project.path;
  let next: TrainerView = {
    ...state,
    // backend/selected can arrive before the session snapshot is built; never forget a known backend.
    backend: event.backend ?? state.backend,
    project: event.project,
    runs: event.project?.runs ?? [],
    runData: sameProject ? state.runData : {},
    exited: null,
  };
  if (event.active === null) return { ...next, activeRunId: keepOrPickActive(next.runs, state.activeRunId) };
  const { run, controls, metrics, wholeFrom, snapshots, timeline } = event.active;
  next = upsertRun(next, run);
  const previous = next.runData[run.id] ?? emptyRunData;
  // The trainer's copy is complete: it replaces whatever this window had, so a reload redraws everything.
  // Its controls marks name what changed, so applied-at steps come back from it; warnings are
  // not in it, and marks without `changed` name no control: keep what this window saw of those.
  const appliedAt = { ...previous.appliedAt, ...appliedAtFrom(timeline) };
  const data: RunData = { ...previous, controls, metrics: MetricLog.of(metrics), history: detailOfPage(metrics, wholeFrom), fetched: null, snapshots, appliedAt, timeline: sortedTimeline(timeline), branch: run.branch };
  return { ...next, activeRunId: run.id, runData: { ...next.runData, [run.id]: data } };
}

function openProject(state: TrainerView, project: ProjectInfo): TrainerView {
  const sameProject = state.project?.path === project.path;
  const base: TrainerView = { ...state, project, runData: sameProject ? state.runData : {} };
  return withRuns(base, project.runs, sameProject ? state.activeRunId : null);
}

function withRuns(state: TrainerView, runs: RunSummary[], previousActive = state.activeRunId): TrainerView {
  const project = state.project ? { ...state.project, runs } : null;
  return { ...state, project, runs, activeRunId: keepOrPickActive(runs, previousActive) };
}

function runStateChanged(state: TrainerView, run: RunSummary): TrainerView {
  const next = upsertRun(state, run);
  // A run that starts training is what the person is watching, wherever it was started from.
  const becomesActive = next.activeRunId === null || (run.state === 'running' && next.activeRunId !== run.id);
  return becomesActive ? { ...next, activeRunId: run.id } : next;
}

function appendMetrics(state: TrainerView, runId: string, points: MetricPoint[]): TrainerView {
  const data = state.runData[runId] ?? emptyRunData;
  // After a resync the trainer may resend points the snapshot already held; keep each step once.
  // A late evaluation point may be the newest entry without being the newest step.
  const lastStep = Math.max(data.metrics.last()?.step ?? -1, data.metrics.at(data.metrics.length - 2)?.step ?? -1);
  const fresh = points[0] !== undefined && points[0].step > lastStep ? points : points.filter((p) => p.step > lastStep || (p.late === true && !holdsLatePoint(data.metrics, p.step)));
  if (fresh.length === 0) return state;
  const newest = fresh[fresh.length - 1]!.step;
  const runs = state.runs.map((r) => {
    if (r.id !== runId) return r;
    const bests = bestLikenesses(fresh, r.bestLikeness);
    if (r.step >= newest && !bests) return r;
    return { ...r, step: Math.max(r.step, newest), ...(bests ? { bestLikeness: bests } : {}) };
  });
  // O(batch): the log shares its backing array with earlier states, which still see their own length.
  return { ...state, runs, runData: { ...state.runData, [runId]: { ...data, metrics: data.metrics.append(fresh) } } };
}

/** How far back a resent late point is looked for: it sits among the steps trained while it was computed. */
const LATE_SCAN = 10_000;

/** Whether the log already holds the late evaluation point for `step` (resent after a resync). */
function holdsLatePoint(metrics: RunData['metrics'], step: number): boolean {
  for (let i = metrics.length - 1; i >= Math.max(0, metrics.length - LATE_SCAN); i--) {
    const point = metrics.at(i);
    if (!point) return false;
    if (point.late === true && point.step === step) return true;
    // A late point is logged after the steps that followed its own: past them, it is not here.
    if (point.late !== true && point.step <= step) return false;
  }
  return false;
}

function upsertRun(state: TrainerView, run: RunSummary): TrainerView {
  const known = state.runs.some((r) => r.id === run.id);
  const runs = known ? state.runs.map((r) => (r.id === run.id ? run : r)) : [...state.runs, run];
  return { ...state, runs, project: state.project ? { ...state.project, runs } : null };
}

function withoutRun(state: TrainerView, runId: string): TrainerView {
  const runs = state.runs.filter((r) => r.id !== runId);
  const { [runId]: _gone, ...runData } = state.runData;
  return { ...withRuns({ ...state, runData }, runs, state.activeRunId === runId ? null : state.activeRunId) };
}

/** Keeps the window's choice when it still exists; otherwise the live run, else the newest. */
function keepOrPickActive(runs: RunSummary[], previous: string | null): string | null {
  if (previous !== null && runs.some((r) => r.id === previous)) return previous;
  const live = runs.find((r) => isLive(r));
  if (live) return live.id;
  const newest = runs.reduce<RunSummary | null>((best, r) => (best === null || r.createdAt >= best.createdAt ? r : best), null);
  return newest?.id ?? null;
}
