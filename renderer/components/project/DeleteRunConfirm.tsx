import type { RunSummary } from '../../../trainer/protocol';
import { formatStep } from '../format';

interface Props {
  run: RunSummary;
  /** Snapshots this window has listed for the run; undefined when it has not seen them. */
  snapshots: number | undefined;
  disabled: boolean;
  onDelete(): void;
  onCancel(): void;
}

/** Says exactly what deleting a run removes from disk before it is removed; nothing happens without the second click. */
export function DeleteRunConfirm({ run, snapshots, disabled, onDelete, onCancel }: Props) {
  const what =
    snapshots === undefined
      ? 'all its snapshots, its sample history, metrics and exports'
      : snapshots === 0
        ? 'its sample history, metrics and exports'
        : `its ${snapshots} snapshot${snapshots === 1 ? '' : 's'}, its sample history, metrics and exports`;
  const branches = run.branches?.length ?? 0;
  return (
    <div className="run-delete-confirm" role="alertdialog" aria-labelledby={`delete-${run.id}`} data-testid="run-delete-confirm">
      <p id={`delete-${run.id}`}>
        Delete run <strong>{run.name}</strong> ({formatStep(run.step)} steps{branches > 0 ? `, ${branches + 1} branches` : ''}) with {what}? This removes its folder from the project and cannot be undone. Its dataset is kept.
      </p>
      <div className="button-row">
        <button className="danger" data-testid="run-delete-confirm-button" disabled={disabled} onClick={onDelete}>
          Delete run
        </button>
        <button data-testid="run-delete-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
