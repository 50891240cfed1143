import { useState } from 'react';
import type { RunSummary, SnapshotInfo } from '../../../trainer/protocol';
import { useApp, useCanCommand } from '../../store/store-context';
import { formatStep } from '../format';

/**
 * "New run from here": a run of the same recipe and preset that starts with chosen layer groups
 * of this snapshot (every other group fresh), on any dataset of the project recorded on the same
 * skeleton (the trainer refuses one that is not, in words the banner shows). The taken groups
 * can start locked, as when a trained tokenizer meets a new speaker's data.
 */
export function NewRunFromSnapshot({ run, snapshot, onDone }: { run: RunSummary; snapshot: SnapshotInfo; onDone(): void }) {
  const datasets = useApp((s) => s.trainer.project?.datasets ?? NONE);
  const createRun = useApp((s) => s.createRun);
  const canCommand = useCanCommand();
  const [groups, setGroups] = useState<readonly string[]>(run.layerGroups);
  const [lock, setLock] = useState(false);
  const [steps, setSteps] = useState<'fresh' | 'carried'>('fresh');
  const [dataset, setDataset] = useState(run.dataset);
  const toggle = (group: string, on: boolean) => setGroups((gs) => run.layerGroups.filter((g) => (g === group ? on : gs.includes(g))));
  return (
    <form
      className="new-run-from"
      data-testid="new-run-from-form"
      onSubmit={(e) => {
        e.preventDefault();
        createRun({
          recipe: run.recipe,
          preset: run.preset,
          dataset,
          from: { runId: run.id, snapshotId: snapshot.id, groups: [...groups], steps },
          ...(lock ? { controls: { locks: Object.fromEntries(groups.map((g) => [g, true])) } } : {}),
        });
        onDone();
      }}
    >
      <p className="hint">
        A new {run.recipe} ({run.preset}) run that starts with these layer groups of step {formatStep(snapshot.step)}; the others start fresh.
      </p>
      <fieldset className="new-run-from-groups">
        <legend>Take</legend>
        {run.layerGroups.map((group) => (
          <label key={group}>
            <input type="checkbox" data-testid={`new-run-from-group-${group}`} checked={groups.includes(group)} onChange={(e) => toggle(group, e.currentTarget.checked)} />
            {group}
          </label>
        ))}
      </fieldset>
      <label>
        <input type="checkbox" data-testid="new-run-from-lock" checked={lock} onChange={(e) => setLock(e.currentTarget.checked)} />
        Start with the taken groups locked
      </label>
      <label>
        Steps{' '}
        <select data-testid="new-run-from-steps" value={steps} onChange={(e) => setSteps(e.currentTarget.value as 'fresh' | 'carried')}>
          <option value="fresh">count from 0</option>
          <option value="carried">carry on from step {formatStep(snapshot.step)}</option>
        </select>
      </label>
      <label>
        Dataset{' '}
        <select data-testid="new-run-from-dataset" value={dataset} onChange={(e) => setDataset(e.currentTarget.value)}>
          {datasets.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <div className="button-row">
        <button type="submit" className="primary" data-testid="new-run-from-create" disabled={!canCommand || groups.length === 0}>
          Create run
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const NONE: string[] = [];
