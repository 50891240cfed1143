/**
 * The motion preview's part of the store: each run's sample history, the preview on screen,
 * and a comparison of two snapshots' motion on the same clip. Previews arrive as whole
 * samples (base64 arrays, decoded where they are drawn); only the ones on screen are held.
 *
 * The history holds every branch's previews; what is on screen belongs to the branch being
 * viewed (its own previews and its ancestors' up to its fork, as its charts show). A live
 * preview of another branch joins the history without taking the screen.
 */
import { inBranchHistory, type BranchInfo, type CommandInput, type PreviewAudio, type PreviewHistoryEntry, type PreviewSample, type TrainerEvent } from '../../trainer/protocol';
import { viewedBranch } from './snapshot-events';
import type { TrainerView } from './trainer-view';

export interface SnapshotComparison {
  runId: string;
  snapshotIds: [string, string];
  /** Snapshot id → its preview, as each arrives. */
  samples: Record<string, PreviewSample>;
}

export interface PreviewUi {
  /** Run id → its kept previews, oldest step first. */
  history: Record<string, PreviewHistoryEntry[]>;
  /** Run id → steps between automatic previews (0 = only on request). */
  everySteps: Record<string, number>;
  /** Run id → the preview on screen. */
  shown: Record<string, PreviewSample>;
  /** Run id → the history id the person picked; absent: follow the newest preview. */
  pinned: Record<string, string>;
  comparison: SnapshotComparison | null;
  /** Run id → the grid clip the person picked for the big view; absent: the preview's lead clip. */
  selectedClip: Record<string, string>;
  /**
   * Run id → each clip's sound (its PCM), by soundKey: streamed previews carry none, so a clip's
   * sound is kept from the first answer that carried it (trainer/previews/preview-sound.ts).
   */
  sounds: Record<string, Record<string, PreviewAudio>>;
  /**
   * Run id → soundKey → the preview id its sound was asked with ('' once answered): each sound is
   * asked for once, and an answer that only lends its sound leaves a newer preview on screen.
   */
  soundAsked: Record<string, Record<string, string>>;
}

export const initialPreviewUi: PreviewUi = { history: {}, everySteps: {}, shown: {}, pinned: {}, comparison: null, selectedClip: {}, sounds: {}, soundAsked: {} };

/** A clip's sound is the same at every step of a run; its length fixes which part of the clip. */
export function soundKey(clip: string, frames: number): string {
  return `${clip}|${frames}`;
}

export interface PreviewSlice {
  previewUi: PreviewUi;
  /** `p`: a fresh preview of the live model (it joins the history and goes on screen). */
  refreshPreview(runId: string): void;
  loadPreviewHistory(runId: string): void;
  /** Shows a kept preview and stays on it until the person follows the newest again. */
  showHistoryPreview(runId: string, previewId: string): void;
  /** Unpins and shows `newestId` (the newest of the branch being viewed; absent: the newest kept at all). */
  followNewestPreview(runId: string, newestId?: string): void;
  setPreviewInterval(runId: string, everySteps: number): void;
  compareSnapshotPreviews(runId: string, a: string, b: string): void;
  closeComparison(): void;
  /** A tile click: that clip goes in the big view, and its sound plays. */
  selectPreviewClip(runId: string, clip: string): void;
  /** Asks for a clip's sound (preview/get with `clip`) unless it is here or already asked for. */
  fetchClipSound(runId: string, previewId: string, clip: string, frames: number): void;
}

/** For a run: the branch whose history the window shows, and the run's branches (for its lineage). */
export type BranchView = (runId: string) => { branch: string; branches: readonly BranchInfo[] };

/** Without a trainer view (tests of the slice alone) every preview is on the branch shown. */
const EVERY_BRANCH: BranchView | null = null;

/** The branch view of the window's trainer state, as the reducer has just left it. */
export function branchViewOf(trainer: TrainerView): BranchView {
  return (runId) => ({ branch: viewedBranch(trainer, runId), branches: trainer.runs.find((r) => r.id === runId)?.branches ?? [] });
}

export function previewUiAfter(ui: PreviewUi, event: TrainerEvent, view: BranchView | null = EVERY_BRANCH): PreviewUi {
  switch (event.type) {
    case 'preview/history':
      return { ...ui, history: { ...ui.history, [event.runId]: event.entries }, everySteps: { ...ui.everySteps, [event.runId]: event.everySteps } };
    case 'preview/ready':
      return previewArrived(ui, event.runId, event.preview, view);
    case 'run/deleted':
      // A later run may get the same id: it must not show this one's previews.
      return withoutRun(ui, event.runId);
    case 'snapshot/restored':
      return view ? withoutOtherBranches(event.mode === 'discard' ? withoutDiscarded(ui, event) : ui, view) : ui;
    // The events that change which branch a run's window shows (browsing a branch, a resync).
    case 'metrics/history':
    case 'snapshot/list':
    case 'session/state':
      return view ? withoutOtherBranches(ui, view) : ui;
    default:
      return ui;
  }
}

function onViewedBranch(view: BranchView | null, runId: string, preview: { step: number; branch: string }): boolean {
  if (!view) return true;
  const { branch, branches } = view(runId);
  return inBranchHistory(preview, branches, branch);
}

/**
 * A preview on screen (or pinned) that is not in the viewed branch's history leaves the screen;
 * the panel then shows that branch's newest. Runs whose view did not change keep theirs.
 */
function withoutOtherBranches(ui: PreviewUi, view: BranchView): PreviewUi {
  const stale = Object.entries(ui.shown).filter(([runId, preview]) => !onViewedBranch(view, runId, preview)).map(([runId]) => runId);
  if (stale.length === 0) return ui;
  const shown = { ...ui.shown };
  const pinned = { ...ui.pinned };
  for (const runId of stale) {
    delete shown[runId];
    delete pinned[runId];
  }
  return { ...ui, shown, pinned };
}

function withoutRun(ui: PreviewUi, runId: string): PreviewUi {
  const drop = <T,>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([id]) => id !== runId));
  const comparison = ui.comparison?.runId === runId ? null : ui.comparison;
  return { history: drop(ui.history), everySteps: drop(ui.everySteps), shown: drop(ui.shown), pinned: drop(ui.pinned), comparison, selectedClip: drop(ui.selectedClip), sounds: drop(ui.sounds), soundAsked: drop(ui.soundAsked) };
}

/** A restore that discards what came after: the branch's later previews show weights that no longer exist. */
function withoutDiscarded(ui: PreviewUi, event: Extract<TrainerEvent, { type: 'snapshot/restored' }>): PreviewUi {
  const branch = event.run.branch;
  const later = (p: { step: number; branch: string }) => p.branch === branch && p.step > event.snapshot.step;
  const entries = ui.history[event.runId];
  const history = entries ? { ...ui.history, [event.runId]: entries.filter((e) => !later(e)) } : ui.history;
  const shown = ui.shown[event.runId];
  if (!shown || !later(shown)) return { ...ui, history };
  const { [event.runId]: _gone, ...rest } = ui.shown;
  const { [event.runId]: _unpinned, ...pinned } = ui.pinned;
  return { ...ui, history, shown: rest, pinned };
}

/** Keeps the sound any clip of `preview` carries; marks what it answered as no longer asked. */
function withSounds(ui: PreviewUi, runId: string, preview: PreviewSample): PreviewUi {
  const clips = [{ clip: preview.clip, frames: preview.frames, audio: preview.audio }, ...(preview.more ?? [])];
  const heard = clips.filter((c) => c.audio?.pcm16 !== undefined);
  if (heard.length === 0) return ui;
  const sounds = { ...ui.sounds[runId] };
  for (const c of heard) sounds[soundKey(c.clip, c.frames)] = c.audio as PreviewAudio;
  return { ...ui, sounds: { ...ui.sounds, [runId]: sounds } };
}

function previewArrived(before: PreviewUi, runId: string, preview: PreviewSample, view: BranchView | null): PreviewUi {
  // Asked for only for its sound: a newer preview on screen stays (the sound is the same at every step).
  const asked = before.soundAsked[runId] ?? {};
  const soundAnswer = preview.id !== undefined && Object.values(asked).includes(preview.id);
  // Answered ('' from now on), with or without the sound: not asked again this run.
  const unasked = soundAnswer ? { ...before, soundAsked: { ...before.soundAsked, [runId]: Object.fromEntries(Object.entries(asked).map(([key, id]) => [key, id === preview.id ? '' : id])) } } : before;
  const ui = withSounds(unasked, runId, preview);
  if (soundAnswer && before.shown[runId]?.id !== preview.id) return ui;
  if (preview.snapshotId !== undefined) {
    const c = ui.comparison;
    if (c === null || c.runId !== runId || !c.snapshotIds.includes(preview.snapshotId)) return ui;
    return { ...ui, comparison: { ...c, samples: { ...c.samples, [preview.snapshotId]: preview } } };
  }
  const id = preview.id;
  const history = id === undefined ? ui.history : { ...ui.history, [runId]: withEntry(ui.history[runId] ?? [], { id, step: preview.step, branch: preview.branch, createdAt: preview.createdAt }) };
  const pinned = ui.pinned[runId];
  // A pinned older preview stays on screen while new ones join the history; the pinned one itself shows when it arrives.
  // Unpinned, the newest shows if it belongs to the branch being viewed (not while browsing another branch).
  const show = pinned === undefined ? onViewedBranch(view, runId, preview) : pinned === id;
  return { ...ui, history, shown: show ? { ...ui.shown, [runId]: preview } : ui.shown };
}

function withEntry(entries: PreviewHistoryEntry[], entry: PreviewHistoryEntry): PreviewHistoryEntry[] {
  const rest = entries.filter((e) => e.id !== entry.id);
  const at = rest.findIndex((e) => e.step > entry.step);
  return at === -1 ? [...rest, entry] : [...rest.slice(0, at), entry, ...rest.slice(at)];
}

type SetPreview = (update: (state: { previewUi: PreviewUi }) => { previewUi: PreviewUi }) => void;

export function previewSlice(send: (command: CommandInput) => void, set: SetPreview, get: () => { previewUi: PreviewUi }): PreviewSlice {
  const patch = (update: (ui: PreviewUi) => PreviewUi) => set((s) => ({ previewUi: update(s.previewUi) }));
  const unpin = (ui: PreviewUi, runId: string): PreviewUi => {
    const { [runId]: _dropped, ...pinned } = ui.pinned;
    return { ...ui, pinned };
  };
  return {
    previewUi: initialPreviewUi,
    refreshPreview: (runId) => {
      patch((ui) => unpin(ui, runId));
      send({ type: 'preview/request', runId });
    },
    loadPreviewHistory: (runId) => send({ type: 'preview/history', runId }),
    showHistoryPreview: (runId, previewId) => {
      patch((ui) => ({ ...ui, pinned: { ...ui.pinned, [runId]: previewId } }));
      send({ type: 'preview/get', runId, previewId });
    },
    followNewestPreview: (runId, newestId) => {
      patch((ui) => unpin(ui, runId));
      const newest = newestId ?? get().previewUi.history[runId]?.at(-1)?.id;
      if (newest !== undefined) send({ type: 'preview/get', runId, previewId: newest });
    },
    setPreviewInterval: (runId, everySteps) => send({ type: 'preview/interval', runId, everySteps }),
    compareSnapshotPreviews: (runId, a, b) => {
      patch((ui) => ({ ...ui, comparison: { runId, snapshotIds: [a, b], samples: {} } }));
      send({ type: 'preview/request', runId, snapshotId: a });
      if (b !== a) send({ type: 'preview/request', runId, snapshotId: b });
    },
    closeComparison: () => patch((ui) => ({ ...ui, comparison: null })),
    selectPreviewClip: (runId, clip) => patch((ui) => ({ ...ui, selectedClip: { ...ui.selectedClip, [runId]: clip } })),
    fetchClipSound: (runId, previewId, clip, frames) => {
      const key = soundKey(clip, frames);
      const ui = get().previewUi;
      if (ui.sounds[runId]?.[key] || ui.soundAsked[runId]?.[key] !== undefined) return;
      patch((u) => ({ ...u, soundAsked: { ...u.soundAsked, [runId]: { ...u.soundAsked[runId], [key]: previewId } } }));
      send({ type: 'preview/get', runId, previewId, clip });
    },
  };
}
