import { useCallback, useEffect, useMemo, useState } from 'react';
import { isLive } from '../../../trainer/protocol';
import { activeRun, activeRunData } from '../../store/selectors';
import { useApp, useCanCommand } from '../../store/store-context';
import { formatStep } from '../format';
import { BranchSelector } from './BranchSelector';
import { SnapshotPolicyForm } from './SnapshotPolicyForm';
import { NewRunFromSnapshot } from './NewRunFromSnapshot';
import { SnapshotCompare } from './SnapshotCompare';
import { SnapshotRow } from './SnapshotRow';
import { SnapshotWeights } from './SnapshotWeights';
import { useSnapshotExport } from './use-snapshot-export';
import { useLetterKey } from '../use-letter-key';
import '../../styles/snapshots.css';

/**
 * The active run's snapshots, newest first: one click (or `s`) takes one, with the label typed
 * beside the button; each can be restored (as a new branch by default, or discarding what came
 * after), verified, exported as generated BVH, made the start of a new run, or deleted. After a
 * crash, it offers to resume from the last good snapshot. The branch selector picks which
 * branch's history the charts show.
 */
export function SnapshotsPanel() {
  const run = useApp((s) => activeRun(s.trainer));
  const snapshots = useApp((s) => activeRunData(s.trainer).snapshots);
  const browsing = useApp((s) => activeRunData(s.trainer).branch);
  const notes = useApp((s) => activeRunData(s.trainer).snapshotNotes);
  const verified = useApp((s) => s.snapshotUi.verified);
  const canCommand = useCanCommand();
  const listSnapshots = useApp((s) => s.listSnapshots);
  const takeSnapshot = useApp((s) => s.takeSnapshot);
  const restoreSnapshot = useApp((s) => s.restoreSnapshot);
  const deleteSnapshot = useApp((s) => s.deleteSnapshot);
  const verifySnapshot = useApp((s) => s.verifySnapshot);
  const setSnapshotPolicy = useApp((s) => s.setSnapshotPolicy);
  const viewBranch = useApp((s) => s.viewBranch);
  const runId = run?.id ?? null;
  const live = !!run && isLive(run);
  const trained = run !== null && run.state !== 'idle';
  // The snapshot whose "New run from here" form is open.
  const [startingFrom, setStartingFrom] = useState<string | null>(null);

  // Run ids repeat across projects (run-1, run-2…): another project's run-1 needs its own list.
  const projectPath = useApp((s) => s.trainer.project?.path ?? null);
  useEffect(() => {
    if (runId !== null && canCommand) listSnapshots(runId);
  }, [runId, projectPath, canCommand, listSnapshots]);

  const [label, setLabel] = useState('');
  const take = useCallback(() => {
    if (runId === null) return;
    takeSnapshot(runId, label.trim());
    setLabel('');
  }, [runId, label, takeSnapshot]);
  const exports = useSnapshotExport(runId);
  useLetterKey('s', canCommand && live ? take : null);

  const newestFirst = useMemo(() => [...snapshots].reverse(), [snapshots]);
  if (!run) return null;
  const viewing = browsing ?? run.branch;
  const interrupted = run.interrupted;
  const lastGoodStep = snapshots.find((s) => s.id === interrupted?.lastGoodSnapshot)?.step;

  return (
    <section className="panel snapshots-panel" aria-labelledby="snapshots-heading" data-testid="snapshots-panel">
      <div className="panel-title">
        <h2 id="snapshots-heading">Snapshots</h2>
        <BranchSelector run={run} viewing={viewing} disabled={!canCommand} onView={(branch) => viewBranch(run.id, branch)} />
      </div>
      <div className="snapshot-take">
        <input
          data-testid="snapshot-label"
          aria-label="Label for the next snapshot"
          placeholder="Label (optional)"
          maxLength={200}
          value={label}
          disabled={!canCommand || !live}
          onChange={(e) => setLabel(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && take()}
        />
        <button data-testid="snapshot-take" className="primary" disabled={!canCommand || !live} title="Snapshot now (s)" onClick={take}>
          Snapshot <kbd>s</kbd>
        </button>
      </div>
      {interrupted && run.state === 'stopped' && (
        <div className="interrupted-notice" data-testid="interrupted-notice">
          <p>
            This run was interrupted at step {formatStep(interrupted.step)}. Every metric it logged is kept.
            {interrupted.lastGoodSnapshot ? '' : ' It has no snapshot that verifies, so it cannot be resumed.'}
          </p>
          {interrupted.lastGoodSnapshot && (
            <button data-testid="resume-interrupted" className="primary" disabled={!canCommand} onClick={() => restoreSnapshot(run.id, interrupted.lastGoodSnapshot ?? undefined, 'branch')}>
              Resume from the last good snapshot
              {lastGoodStep !== undefined ? ` (step ${formatStep(lastGoodStep)})` : ''}
            </button>
          )}
        </div>
      )}
      <SnapshotCompare runId={run.id} snapshots={snapshots} />
      {notes.length > 0 && (
        <ul className="snapshot-notes" aria-label="What happened to snapshots">
          {notes.map((note, i) => (
            <li key={i} data-testid={`snapshot-note-${note.kind}`} className={`snapshot-note-${note.kind}`}>
              {note.text}
            </li>
          ))}
        </ul>
      )}
      {newestFirst.length === 0 ? (
        <p className="hint">{live ? 'No snapshots yet. Press Snapshot or s.' : 'No snapshots.'}</p>
      ) : (
        <ul className="snapshot-list" data-testid="snapshot-list">
          {newestFirst.map((snapshot) => (
            <SnapshotRow
              key={snapshot.id}
              snapshot={snapshot}
              verdict={verified[snapshot.id]}
              canRestore={canCommand && trained}
              canEdit={canCommand}
              live={live}
              onRestore={(mode) => restoreSnapshot(run.id, snapshot.id, mode)}
              onVerify={() => verifySnapshot(run.id, snapshot.id)}
              onDelete={() => deleteSnapshot(run.id, snapshot.id)}
              onExport={() => exports.start(snapshot.id)}
              exporting={exports.pending.has(snapshot.id)}
              exported={exports.latest(snapshot.id)}
              onNewRun={() => setStartingFrom(snapshot.id)}
            >
              <SnapshotWeights run={run} snapshot={snapshot} />
              {startingFrom === snapshot.id && <NewRunFromSnapshot run={run} snapshot={snapshot} onDone={() => setStartingFrom(null)} />}
            </SnapshotRow>
          ))}
        </ul>
      )}
      <SnapshotPolicyForm key={JSON.stringify(run.snapshotPolicy ?? null)} policy={run.snapshotPolicy} disabled={!canCommand} onApply={(policy) => setSnapshotPolicy(run.id, policy)} />
    </section>
  );
}
