import { isLive, type PreviewHistoryEntry, type RunSummary } from '../../../trainer/protocol';
import { useApp, useCanCommand } from '../../store/store-context';
import { formatStep } from '../format';

/**
 * Browsing a branch other than the one the run goes on from: the preview shows the browsed
 * branch's history, and this line says which branch is training (its new previews are not
 * shown meanwhile) with a way back to it.
 */
export function OtherBranchNotice({ run, viewed, entries }: { run: RunSummary; viewed: string; entries: readonly PreviewHistoryEntry[] }) {
  const viewBranch = useApp((s) => s.viewBranch);
  const canCommand = useCanCommand();
  const current = run.branch;
  if (viewed === current) return null;
  const live = isLive(run);
  // Every branch's previews are in the history: the training branch's newest shows it moving on.
  const newest = entries.findLast((e) => e.branch === current);
  return (
    <p className="preview-other-branch" role="status" data-testid="preview-other-branch" data-training-branch={current} data-newest-step={newest?.step}>
      Showing <strong>{viewed}</strong>’s previews.{' '}
      {live ? (
        <>
          The run is {run.state === 'paused' ? 'paused' : 'training'} on <strong>{current}</strong>
          {newest ? ` (newest preview: step ${formatStep(newest.step)})` : ''}; its new previews are not shown here.
        </>
      ) : (
        <>
          The run goes on from <strong>{current}</strong>.
        </>
      )}{' '}
      <button className="link" data-testid="preview-show-training-branch" disabled={!canCommand} onClick={() => viewBranch(run.id, current)}>
        Show {current}
      </button>
    </p>
  );
}
