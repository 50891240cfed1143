import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { branchPreviewHistory, isLive, MAIN_BRANCH, type PreviewAudio, type PreviewHistoryEntry } from '../../../trainer/protocol';
import { activeRun, activeRunData } from '../../store/selectors';
import { viewedBranch } from '../../store/snapshot-events';
import { useApp, useCanCommand } from '../../store/store-context';
import { formatStep } from '../format';
import { HistoryStrip } from './HistoryStrip';
import { OtherBranchNotice } from './OtherBranchNotice';
import { PreviewStage } from './PreviewStage';
import { comparisonView, trainingView, type Layout } from './preview-view';
import { SnapshotCompare } from './SnapshotCompare';
import { useLetterKey } from '../use-letter-key';
import '../../styles/preview.css';

const NO_ENTRIES: PreviewHistoryEntry[] = [];
const NO_SOUNDS: Record<string, PreviewAudio> = {};
const INTERVALS = [0, 10, 25, 50, 100, 250, 500, 1000];

/**
 * The motion preview: generated motion beside ground truth for fixed validation clips (one in
 * the big view with its audio, all of them in a grid with their numbers); the sample history
 * of those clips through training, on the branch being viewed; and two snapshots compared on
 * the lead clip. `p` asks the live model for a fresh preview; Enlarge fills the window (Esc).
 */
export default function PreviewPanel() {
  const run = useApp((s) => activeRun(s.trainer));
  const runId = run?.id ?? null;
  const shown = useApp((s) => (runId === null ? undefined : s.previewUi.shown[runId]));
  const allEntries = useApp((s) => (runId === null ? undefined : s.previewUi.history[runId]) ?? NO_ENTRIES);
  const viewed = useApp((s) => (runId === null ? MAIN_BRANCH : viewedBranch(s.trainer, runId)));
  const branches = run?.branches;
  // The chips of the branch being viewed: its own previews after its fork, its ancestors' before.
  const entries = useMemo(() => branchPreviewHistory(allEntries, branches ?? [], viewed), [allEntries, branches, viewed]);
  const pinned = useApp((s) => (runId === null ? undefined : s.previewUi.pinned[runId]));
  const everySteps = useApp((s) => (runId === null ? undefined : s.previewUi.everySteps[runId]));
  const comparison = useApp((s) => s.previewUi.comparison);
  const snapshots = useApp((s) => activeRunData(s.trainer).snapshots);
  const canCommand = useCanCommand();
  const refreshPreview = useApp((s) => s.refreshPreview);
  const loadHistory = useApp((s) => s.loadPreviewHistory);
  const showHistoryPreview = useApp((s) => s.showHistoryPreview);
  const followNewest = useApp((s) => s.followNewestPreview);
  const setEvery = useApp((s) => s.setPreviewInterval);
  const compare = useApp((s) => s.compareSnapshotPreviews);
  const closeComparison = useApp((s) => s.closeComparison);
  const selectedClip = useApp((s) => (runId === null ? undefined : s.previewUi.selectedClip[runId]));
  const sounds = useApp((s) => (runId === null ? undefined : s.previewUi.sounds[runId]) ?? NO_SOUNDS);
  const selectClip = useApp((s) => s.selectPreviewClip);
  const fetchSound = useApp((s) => s.fetchClipSound);
  const [layout, setLayout] = useState<Layout>('side');
  const [enlarged, setEnlarged] = useState(false);
  const live = !!run && isLive(run);

  useEffect(() => {
    if (runId !== null && canCommand) loadHistory(runId);
  }, [runId, canCommand, loadHistory]);

  // Opening a run, or viewing another of its branches, shows that branch's newest preview, once, without waiting for the next.
  const opened = useRef<string | null>(null);
  const newestId = entries.at(-1)?.id;
  useEffect(() => {
    const key = `${runId}|${viewed}`;
    if (runId === null || !canCommand || shown || newestId === undefined || opened.current === key) return;
    opened.current = key;
    followNewest(runId, newestId);
  }, [runId, viewed, canCommand, shown, newestId, followNewest]);

  const refresh = useCallback(() => {
    if (runId !== null) refreshPreview(runId);
  }, [runId, refreshPreview]);
  useLetterKey('p', canCommand && live ? refresh : null);

  const comparing = comparison !== null && comparison.runId === runId ? comparison : null;
  const [a, b] = comparing ? comparing.snapshotIds.map((id) => comparing.samples[id]) : [];
  const view = useMemo(() => {
    if (comparing) return a && b ? comparisonView(a, b, layout, sounds) : null;
    return shown ? trainingView(shown, layout, selectedClip, sounds) : null;
  }, [comparing, a, b, shown, layout, selectedClip, sounds]);

  // Streamed previews carry no sound: the clip in the big view gets its own, once (preview-slice.ts).
  const soundFrom = comparing ? undefined : shown?.id;
  const waiting = view?.audio && view.audio.pcm16 === undefined ? view : null;
  useEffect(() => {
    if (runId !== null && canCommand && waiting && soundFrom !== undefined) fetchSound(runId, soundFrom, waiting.clip, waiting.frames);
  }, [runId, canCommand, waiting, soundFrom, fetchSound]);

  // The enlarged view covers the window until Esc or its close button.
  useEffect(() => {
    if (!enlarged) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && setEnlarged(false);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [enlarged]);

  if (!run) return null;
  const caption = comparing
    ? a && b
      ? `Snapshots at step ${formatStep(a.step)} and ${formatStep(b.step)} · ${a.clip}`
      : 'Generating both snapshots’ motion…'
    : shown
      ? `Step ${formatStep(shown.step)} · ${view?.clip ?? shown.clip}${shown.branch === MAIN_BRANCH ? '' : ` · ${shown.branch}`}${pinned ? ' (from history)' : ''}`
      : live
        ? `The first preview comes at step 0 and every ${everySteps ?? '…'} steps; press p for one now.`
        : 'No previews yet: start the run, or compare two snapshots.';

  return (
    <section className={enlarged ? 'panel preview-panel preview-enlarged' : 'panel preview-panel'} aria-labelledby="preview-heading" data-testid="preview-panel" data-enlarged={enlarged} data-step={comparing ? undefined : shown?.step} data-branch={comparing ? undefined : shown?.branch} data-viewed-branch={viewed} data-comparing={comparing ? (a && b ? 'ready' : 'waiting') : undefined}>
      <div className="panel-title">
        <h2 id="preview-heading">Preview</h2>
        <div className="segmented" role="group" aria-label="Layout">
          <button aria-pressed={layout === 'side'} data-testid="preview-layout-side" onClick={() => setLayout('side')}>
            side
          </button>
          <button aria-pressed={layout === 'overlay'} data-testid="preview-layout-overlay" onClick={() => setLayout('overlay')}>
            overlay
          </button>
        </div>
        <button data-testid="preview-refresh" disabled={!canCommand || !live} title="Refresh the preview from the live model (p)" onClick={refresh}>
          Refresh <kbd>p</kbd>
        </button>
        <button data-testid="preview-enlarge" aria-pressed={enlarged} title={enlarged ? 'Back to the panel (Esc)' : 'Fill the window with the preview to inspect the motion closely'} onClick={() => setEnlarged((e) => !e)}>
          {enlarged ? 'Close' : 'Enlarge'} {enlarged && <kbd>Esc</kbd>}
        </button>
      </div>
      <p className="preview-caption" data-testid="preview-caption">
        {caption}
      </p>
      {view ? <PreviewStage view={view} onSelect={runId === null ? undefined : (clip) => selectClip(runId, clip)} /> : <div className="skeleton-canvas preview-placeholder" />}
      {!comparing && <OtherBranchNotice run={run} viewed={viewed} entries={allEntries} />}
      {!comparing && <HistoryStrip entries={entries} shownId={shown?.id} following={pinned === undefined} onPick={(id) => runId && showHistoryPreview(runId, id)} onFollow={() => runId && followNewest(runId, newestId)} />}
      <div className="preview-settings">
        <SnapshotCompare snapshots={snapshots} comparing={comparing !== null} disabled={!canCommand} onCompare={(x, y) => compare(run.id, x, y)} onClose={closeComparison} />
        <label>
          every
          <select data-testid="preview-interval" value={everySteps ?? ''} disabled={!canCommand || everySteps === undefined} onChange={(e) => setEvery(run.id, Number(e.currentTarget.value))}>
            {everySteps !== undefined && !INTERVALS.includes(everySteps) && <option value={everySteps}>{formatStep(everySteps)}</option>}
            {INTERVALS.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? 'only on p' : `${formatStep(n)} steps`}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
