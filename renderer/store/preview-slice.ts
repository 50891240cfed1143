/**
 * The motion preview's part of the store: each run's sample history, the preview on screen,
 * and a comparison of two snapshots' motion on the same clip. Previews arrive as whole
 * samples (base64 arrays, decoded where they are drawn); only the ones on screen are held.
 */
import type { CommandInput, PreviewHistoryEntry, PreviewSample, TrainerEvent } from '../../trainer/protocol';

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
}

export const initialPreviewUi: PreviewUi = { history: {}, everySteps: {}, shown: {}, pinned: {}, comparison: null };

export interface PreviewSlice {
  previewUi: PreviewUi;
  /** `p`: a fresh preview of the live model (it joins the history and goes on screen). */
  refreshPreview(runId: string): void;
  loadPreviewHistory(runId: string): void;
  /** Shows a kept preview and stays on it until the person follows the newest again. */
  showHistoryPreview(runId: string, previewId: string): void;
  followNewestPreview(runId: string): void;
  setPreviewInterval(runId: string, everySteps: number): void;
  compareSnapshotPreviews(runId: string, a: string, b: string): void;
  closeComparison(): void;
}

export function previewUiAfter(ui: PreviewUi, event: TrainerEvent): PreviewUi {
  switch (event.type) {
    case 'preview/history':
      return { ...ui, history: { ...ui.history, [event.runId]: event.entries }, everySteps: { ...ui.everySteps, [event.runId]: event.everySteps } };
    case 'preview/ready':
      return previewArrived(ui, event.runId, event.preview);
    default:
      return ui;
  }
}

function previewArrived(ui: PreviewUi, runId: string, preview: PreviewSample): PreviewUi {
  if (preview.snapshotId !== undefined) {
    const c = ui.comparison;
    if (c === null || c.runId !== runId || !c.snapshotIds.includes(preview.snapshotId)) return ui;
    return { ...ui, comparison: { ...c, samples: { ...c.samples, [preview.snapshotId]: preview } } };
  }
  const id = preview.id;
  const history = id === undefined ? ui.history : { ...ui.history, [runId]: withEntry(ui.history[runId] ?? [], { id, step: preview.step, branch: preview.branch, createdAt: preview.createdAt }) };
  const pinned = ui.pinned[runId];
  // A pinned older preview stays on screen while new ones join the history; the pinned one itself shows when it arrives.
  const show = pinned === undefined || pinned === id;
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
    followNewestPreview: (runId) => {
      patch((ui) => unpin(ui, runId));
      const newest = get().previewUi.history[runId]?.at(-1);
      if (newest !== undefined) send({ type: 'preview/get', runId, previewId: newest.id });
    },
    setPreviewInterval: (runId, everySteps) => send({ type: 'preview/interval', runId, everySteps }),
    compareSnapshotPreviews: (runId, a, b) => {
      patch((ui) => ({ ...ui, comparison: { runId, snapshotIds: [a, b], samples: {} } }));
      send({ type: 'preview/request', runId, snapshotId: a });
      if (b !== a) send({ type: 'preview/request', runId, snapshotId: b });
    },
    closeComparison: () => patch((ui) => ({ ...ui, comparison: null })),
  };
}
