import { useState, type ReactNode } from 'react';
import { likenessLabel, likenessShortLabel, MAIN_BRANCH, type RestoreMode, type SnapshotInfo } from '../../../trainer/protocol';
import type { MotionExport } from './snapshot-exports';
import { formatStep } from '../format';
import { describeSnapshot, formatBytes, formatTime } from './format-snapshot';
import { ExportedMotion } from './ExportedMotion';

interface Props {
  snapshot: SnapshotInfo;
  verdict: { ok: boolean; problem?: string } | undefined;
  /** Null when restoring makes no sense now (no trainer, or a run that never trained). */
  canRestore: boolean;
  canEdit: boolean;
  /** Restoring into a training run asks how; a stopped run trains on from the snapshot. */
  live: boolean;
  onRestore(mode: RestoreMode): void;
  onVerify(): void;
  onDelete(): void;
  /** Generated motion from this snapshot's weights, as BVH. */
  onExport(): void;
  exporting: boolean;
  /** The newest file an export from this snapshot wrote. */
  exported: MotionExport | null;
  /** "New run from here…": asks the panel to show its form (`children`) under this row. */
  onNewRun(): void;
  children?: ReactNode;
}

/** One snapshot: step, time, why, its label, likeness, size; restore (as a new branch by default), verify, export BVH, start a new run from it, delete. */
export function SnapshotRow({ snapshot, verdict, canRestore, canEdit, live, onRestore, onVerify, onDelete, onExport, exporting, exported, onNewRun, children }: Props) {
  const [asking, setAsking] = useState<'restore' | 'delete' | null>(null);
  return (
    <li className="snapshot-row" data-testid="snapshot-row" data-snapshot-id={snapshot.id} data-step={snapshot.step} data-reason={snapshot.reason} data-branch={snapshot.branch}>
      <div className="snapshot-facts">
        <span className="num" data-testid="snapshot-step">
          step {formatStep(snapshot.step)}
        </span>
        {snapshot.label && (
          <span className="snapshot-label" data-testid="snapshot-row-label">
            {snapshot.label}
          </span>
        )}
        <span className="snapshot-reason" title={describeSnapshot(snapshot)}>
          {snapshot.reason}
        </span>
        <span className="muted">{formatTime(snapshot.createdAt)}</span>
        <span className="muted" data-testid="snapshot-likeness" title={`${snapshot.likenessSeries ? likenessLabel(snapshot.likenessSeries) : 'Likeness'} when it was taken`}>
          {snapshot.likeness == null ? '—' : `${snapshot.likenessSeries ? `${likenessShortLabel(snapshot.likenessSeries)} ` : ''}${snapshot.likeness.toFixed(1)}%`}
        </span>
        <span className="muted num">{formatBytes(snapshot.bytes)}</span>
        {snapshot.branch !== MAIN_BRANCH && <span className="muted">{snapshot.branch}</span>}
      </div>
      {verdict && (
        <p className={verdict.ok ? 'hint' : 'snapshot-bad'} data-testid="snapshot-verdict" data-ok={verdict.ok}>
          {verdict.ok ? 'Verified: every file matches its checksum.' : verdict.problem}
        </p>
      )}
      {exported && <ExportedMotion exported={exported} />}
      {asking === null && (
        <div className="button-row">
          <button data-testid="snapshot-restore" disabled={!canRestore} onClick={() => (live ? setAsking('restore') : onRestore('branch'))}>
            {live ? 'Restore…' : 'Resume from here'}
          </button>
          <button data-testid="snapshot-verify" disabled={!canEdit} onClick={onVerify}>
            Verify
          </button>
          <button
            data-testid="snapshot-export-bvh"
            disabled={!canEdit || exporting}
            title="Generate motion with this snapshot's weights for the run's first validation recording, and write it as BVH (and JSON) in the run's exports folder."
            onClick={onExport}
          >
            {exporting ? 'Exporting…' : 'Export BVH'}
          </button>
          <button data-testid="snapshot-new-run" disabled={!canEdit} title="A new run that starts with chosen layer groups of this snapshot" onClick={onNewRun}>
            New run from here…
          </button>
          <button data-testid="snapshot-delete" className="danger" disabled={!canEdit} onClick={() => setAsking('delete')}>
            Delete
          </button>
        </div>
      )}
      {asking === 'restore' && (
        <div className="button-row" role="group" aria-label="How to restore">
          <button data-testid="snapshot-restore-branch" className="primary" autoFocus onClick={() => (setAsking(null), onRestore('branch'))}>
            As a new branch
          </button>
          <button data-testid="snapshot-restore-discard" className="danger" onClick={() => (setAsking(null), onRestore('discard'))}>
            Discard later steps
          </button>
          <button onClick={() => setAsking(null)}>Cancel</button>
        </div>
      )}
      {asking === 'delete' && (
        <div className="button-row" role="group" aria-label="Delete this snapshot">
          <button data-testid="snapshot-delete-confirm" className="danger" onClick={() => (setAsking(null), onDelete())}>
            Delete step {formatStep(snapshot.step)}
          </button>
          <button onClick={() => setAsking(null)}>Keep</button>
        </div>
      )}
      {children}
    </li>
  );
}

