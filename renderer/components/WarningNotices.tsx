import { activeRunData } from '../store/selectors';
import { useApp, useCanCommand } from '../store/store-context';
import type { WarningNotice } from '../store/trainer-view';
import { formatStep } from './format';

const TITLES: Record<WarningNotice['code'], string> = {
  'loss-spike': 'Loss spike',
  'non-finite': 'Non-finite value',
  collapse: 'Collapse — the run was paused',
  overflow: 'FP16 overflow',
  evaluation: 'Evaluation in the training process',
  'likeness-drop': 'Likeness dropped',
  storage: 'Storage',
  rule: 'A rule fired',
};

/** How many notices stay on screen; older ones remain as chart markers. */
const SHOWN = 3;

/** Trainer warnings as notices to read (amber, dismissable), not errors: the run carried on, or paused safely. */
export function WarningNotices() {
  const runId = useApp((s) => s.trainer.activeRunId);
  const warnings = useApp((s) => activeRunData(s.trainer).warnings);
  const snapshots = useApp((s) => activeRunData(s.trainer).snapshots);
  const dismiss = useApp((s) => s.dismissWarning);
  const restore = useApp((s) => s.restoreSnapshot);
  const canCommand = useCanCommand();
  const shown = warnings.filter((w) => !w.dismissed).slice(-SHOWN);
  if (runId === null || shown.length === 0) return null;
  return (
    <div className="warning-notices" role="status" aria-label="Warnings">
      {shown.map((w) => {
        // The trainer names the snapshot as data (the phase's best, the last good one), never only in words.
        const named = w.snapshotId ? (snapshots.find((s) => s.id === w.snapshotId) ?? null) : null;
        const what = w.code === 'likeness-drop' ? 'best' : 'last good';
        return (
          <div key={w.key} data-testid="warning-notice" data-code={w.code} data-step={w.step} className={`warning-notice warning-${w.code}`}>
            <strong>{TITLES[w.code]}</strong>
            <span className="num muted">step {formatStep(w.step)}</span>
            <span>{w.message}</span>
            {named && (
              <>
                <span data-testid="last-good-snapshot" className="snapshot-chip" title={`Snapshot ${named.id}`}>
                  ◆ {what}: <span className="num">step {formatStep(named.step)}</span> · {named.label || named.reason}
                </span>
                <button className="link" data-testid="warning-restore" disabled={!canCommand} onClick={() => restore(runId, named.id, 'branch')} title="Restore it as a new branch; this line of history is kept.">
                  Restore it
                </button>
              </>
            )}
            <button className="link" onClick={() => dismiss(runId, w.key)} aria-label="Dismiss warning">
              Dismiss
            </button>
          </div>
        );
      })}
    </div>
  );
}
