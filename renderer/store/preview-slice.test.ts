import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { CommandInput, PreviewSample, TrainerEvent } from '../../trainer/protocol';
import { initialPreviewUi, previewSlice, previewUiAfter, type BranchView, type PreviewSlice, type PreviewUi } from './preview-slice';

function sample(step: number, extra: Partial<PreviewSample> = {}): PreviewSample {
  return { id: String(step).padStart(8, '0'), step, branch: 'main', createdAt: '2025-01-01T00:00:00Z', clip: 'clip-000', fps: 30, frames: 4, parents: [-1, 0], generated: 'AAAA', truth: 'AAAA', audio: null, ...extra };
}
const ready = (preview: PreviewSample): TrainerEvent => ({ type: 'preview/ready', runId: 'r1', preview });
const fold = (events: TrainerEvent[], ui: PreviewUi = initialPreviewUi, view: BranchView | null = null) => events.reduce((u, e) => previewUiAfter(u, e, view), ui);

function storeWith(sent: CommandInput[]) {
  return createStore<PreviewSlice & { previewUi: PreviewUi }>()((set, get) => previewSlice((c) => sent.push(c), set, get));
}

describe('preview slice', () => {
  it('shows each new preview and adds it to the history in step order', () => {
    const ui = fold([
      { type: 'preview/history', runId: 'r1', entries: [{ id: '00000000', step: 0, branch: 'main', createdAt: 'x' }, { id: '00000020', step: 20, branch: 'main', createdAt: 'x' }], everySteps: 10 },
      ready(sample(10)),
      ready(sample(30)),
    ]);
    expect(ui.history.r1!.map((e) => e.step)).toEqual([0, 10, 20, 30]);
    expect(ui.shown.r1!.step).toBe(30);
    expect(ui.everySteps.r1).toBe(10);
  });

  it('keeps a picked history preview on screen while newer ones arrive, until the person follows the newest again', () => {
    const sent: CommandInput[] = [];
    const store = storeWith(sent);
    const apply = (e: TrainerEvent) => store.setState((s) => ({ previewUi: previewUiAfter(s.previewUi, e) }));
    apply(ready(sample(0)));
    apply(ready(sample(50)));
    store.getState().showHistoryPreview('r1', '00000000');
    expect(sent.at(-1)).toEqual({ type: 'preview/get', runId: 'r1', previewId: '00000000' });
    apply(ready(sample(0)));
    apply(ready(sample(100)));
    expect(store.getState().previewUi.shown.r1!.step).toBe(0);
    expect(store.getState().previewUi.history.r1!.map((e) => e.step)).toEqual([0, 50, 100]);

    store.getState().followNewestPreview('r1');
    expect(sent.at(-1)).toEqual({ type: 'preview/get', runId: 'r1', previewId: '00000100' });
    apply(ready(sample(100)));
    expect(store.getState().previewUi.shown.r1!.step).toBe(100);
  });

  it('p unpins and asks the live model', () => {
    const sent: CommandInput[] = [];
    const store = storeWith(sent);
    store.getState().showHistoryPreview('r1', '00000000');
    store.getState().refreshPreview('r1');
    expect(sent.at(-1)).toEqual({ type: 'preview/request', runId: 'r1' });
    expect(store.getState().previewUi.pinned.r1).toBeUndefined();
  });

  it('collects two snapshots’ previews for a comparison without touching the training preview or its history', () => {
    const sent: CommandInput[] = [];
    const store = storeWith(sent);
    const apply = (e: TrainerEvent) => store.setState((s) => ({ previewUi: previewUiAfter(s.previewUi, e) }));
    apply(ready(sample(40)));
    store.getState().compareSnapshotPreviews('r1', 'step-00000010-a', 'step-00000030-b');
    expect(sent.slice(-2)).toEqual([
      { type: 'preview/request', runId: 'r1', snapshotId: 'step-00000010-a' },
      { type: 'preview/request', runId: 'r1', snapshotId: 'step-00000030-b' },
    ]);
    apply(ready(sample(10, { id: undefined, snapshotId: 'step-00000010-a' })));
    apply(ready(sample(20, { id: undefined, snapshotId: 'step-00000020-other' })));
    apply(ready(sample(30, { id: undefined, snapshotId: 'step-00000030-b' })));
    const ui = store.getState().previewUi;
    expect(Object.keys(ui.comparison!.samples).sort()).toEqual(['step-00000010-a', 'step-00000030-b']);
    expect(ui.shown.r1!.step).toBe(40);
    expect(ui.history.r1!.map((e) => e.step)).toEqual([40]);
    store.getState().closeComparison();
    expect(store.getState().previewUi.comparison).toBeNull();
  });

  it('after a restore as a branch shows that branch’s previews; browsing main meanwhile keeps main’s on screen while the branch trains', () => {
    const branches = [{ name: 'branch-1', parent: 'main', forkStep: 100, snapshotId: 'step-00000100-a', createdAt: 'x' }];
    let viewed = 'main';
    const view: BranchView = () => ({ branch: viewed, branches: viewed === 'main' ? [] : branches });
    let ui = fold([ready(sample(0)), ready(sample(100)), ready(sample(300))], initialPreviewUi, view);
    expect(ui.shown.r1!.step).toBe(300);

    // Restored step 100 as branch-1: main's step-300 preview is not in branch-1's history; it leaves the screen.
    viewed = 'branch-1';
    const restored = { type: 'snapshot/restored', runId: 'r1', mode: 'branch', run: { branch: 'branch-1' }, snapshot: { step: 100 } } as unknown as TrainerEvent;
    ui = fold([restored], ui, view);
    expect(ui.shown.r1).toBeUndefined();
    ui = fold([ready(sample(150, { id: '00000150-branch-1', branch: 'branch-1' }))], ui, view);
    expect(ui.shown.r1).toMatchObject({ step: 150, branch: 'branch-1' });

    // Browsing main: main's preview goes back on screen when asked for; branch-1's new ones join the history only.
    viewed = 'main';
    ui = fold([{ type: 'metrics/history', runId: 'r1', branch: 'main', points: [], wholeFrom: 0 }], ui, view);
    expect(ui.shown.r1).toBeUndefined();
    ui = fold([ready(sample(300)), ready(sample(200, { id: '00000200-branch-1', branch: 'branch-1' }))], ui, view);
    expect(ui.shown.r1).toMatchObject({ step: 300, branch: 'main' });
    expect(ui.history.r1!.map((e) => e.id)).toEqual(['00000000', '00000100', '00000150-branch-1', '00000200-branch-1', '00000300']);
  });

  it('a restore that discards later steps drops that branch’s later previews from the history and the screen', () => {
    const view: BranchView = () => ({ branch: 'main', branches: [] });
    let ui = fold([ready(sample(0)), ready(sample(100)), ready(sample(300))], initialPreviewUi, view);
    const restored = { type: 'snapshot/restored', runId: 'r1', mode: 'discard', run: { branch: 'main' }, snapshot: { step: 100 } } as unknown as TrainerEvent;
    ui = fold([restored], ui, view);
    expect(ui.history.r1!.map((e) => e.step)).toEqual([0, 100]);
    expect(ui.shown.r1).toBeUndefined();
  });

  it('follows the newest preview of the branch being viewed when told which one it is', () => {
    const sent: CommandInput[] = [];
    const store = storeWith(sent);
    store.getState().followNewestPreview('r1', '00000150-branch-1');
    expect(sent.at(-1)).toEqual({ type: 'preview/get', runId: 'r1', previewId: '00000150-branch-1' });
  });

  it('forgets a deleted run’s previews, so a new run with the same id starts with none', () => {
    const ui = fold([ready(sample(0)), { type: 'run/deleted', runId: 'r1', name: 'old' }]);
    expect(ui.history.r1).toBeUndefined();
    expect(ui.shown.r1).toBeUndefined();
  });

  it('keeps each clip’s sound from the answer that carried it, asks for a picked clip’s once, and leaves a newer preview on screen', () => {
    const sent: CommandInput[] = [];
    const store = storeWith(sent);
    const apply = (e: TrainerEvent) => store.setState((s) => ({ previewUi: previewUiAfter(s.previewUi, e) }));
    const waveform = { sampleRate: 16000, peaks: [0.5], onsets: [0.1] };
    const grid = (step: number, soundOf: string | null) =>
      sample(step, {
        audio: { ...waveform, ...(soundOf === 'clip-000' ? { pcm16: 'AAAA' } : {}) },
        more: [{ clip: 'clip-001', frames: 4, generated: 'AAAA', truth: 'AAAA', scores: null, audio: { ...waveform, ...(soundOf === 'clip-001' ? { pcm16: 'AQEB' } : {}) } }],
      });
    apply(ready(grid(0, 'clip-000')));
    expect(store.getState().previewUi.sounds.r1).toEqual({ 'clip-000|4': { ...waveform, pcm16: 'AAAA' } });

    store.getState().selectPreviewClip('r1', 'clip-001');
    expect(store.getState().previewUi.selectedClip.r1).toBe('clip-001');
    store.getState().fetchClipSound('r1', '00000000', 'clip-001', 4);
    store.getState().fetchClipSound('r1', '00000000', 'clip-001', 4);
    expect(sent).toEqual([{ type: 'preview/get', runId: 'r1', previewId: '00000000', clip: 'clip-001' }]);
    // A streamed preview (no sound) arrives before the answer: it stays on screen.
    apply(ready(grid(10, null)));
    apply(ready(grid(0, 'clip-001')));
    const ui = store.getState().previewUi;
    expect(ui.shown.r1!.step).toBe(10);
    expect(ui.sounds.r1!['clip-001|4']!.pcm16).toBe('AQEB');
    // Known now (or answered without it): never asked again this run.
    store.getState().fetchClipSound('r1', '00000010', 'clip-001', 4);
    expect(sent).toHaveLength(1);
    // A snapshot's preview (no history id) still reaches its comparison once sounds were asked for.
    store.getState().compareSnapshotPreviews('r1', 'snap-a', 'snap-b');
    apply(ready({ ...grid(40, 'clip-000'), id: undefined, snapshotId: 'snap-a' }));
    expect(Object.keys(store.getState().previewUi.comparison!.samples)).toEqual(['snap-a']);
    // A deleted run takes its sounds and choice along.
    apply({ type: 'run/deleted', runId: 'r1', name: 'old' });
    expect(store.getState().previewUi.sounds.r1).toBeUndefined();
    expect(store.getState().previewUi.selectedClip.r1).toBeUndefined();
  });
});
