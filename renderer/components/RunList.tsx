import { useState } from 'react';
import { isLive, likenessLabel, likenessShortLabel, type EventOf, type RunSummary } from '../../trainer/protocol';
import { formatStep } from './format';
import { DeleteRunConfirm } from './project/DeleteRunConfirm';
import { NewRunForm } from './project/NewRunForm';
import { RenameRunForm } from './project/RenameRunForm';
import { RunSessions } from './RunSessions';
import { shownRunState, UNKNOWN_RUN_STATE } from '../store/connection-truth';
import { useApp, useCanCommand } from '../store/store-context';

/** What the list is doing with one run besides showing it. */
type Editing = { runId: string; action: 'rename' | 'delete' } | null;

/**
 * The project's runs with state, backend and best likeness; clicking one points the controls
 * and charts at it. The active run can be renamed in place, and deleted (not while it trains)
 * after a confirmation that says what goes with it.
 */
export function RunList() {
  const runs = useApp((s) => s.trainer.runs);
  const activeRunId = useApp((s) => s.trainer.activeRunId);
  const hasProject = useApp((s) => s.trainer.project !== null);
  const runData = useApp((s) => s.trainer.runData);
  const showRun = useApp((s) => s.showRun);
  const renameRun = useApp((s) => s.renameRun);
  const deleteRun = useApp((s) => s.deleteRun);
  const exportTensorBoard = useApp((s) => s.exportTensorBoard);
  const canCommand = useCanCommand();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const done = () => setEditing(null);
  return (
    <section className="panel" aria-labelledby="runs-heading">
      <div className="panel-title">
        <h2 id="runs-heading">Runs</h2>
        <button data-testid="new-run-button" disabled={!canCommand || !hasProject || creating} onClick={() => setCreating(true)}>
          New run
        </button>
      </div>
      {creating && <NewRunForm onDone={() => setCreating(false)} />}
      <ul data-testid="run-list" className="run-list">
        {runs.map((run) => {
          const active = run.id === activeRunId;
          const action = editing?.runId === run.id ? editing.action : null;
          return (
            <li key={run.id}>
              {action === 'rename' ? (
                <RenameRunForm run={run} disabled={!canCommand} onRename={(name) => renameRun(run.id, name)} onDone={done} />
              ) : (
                <RunItem run={run} active={active} onClick={() => showRun(run.id)} />
              )}
              {active && action === null && (
                <RunActions run={run} disabled={!canCommand} onRename={() => setEditing({ runId: run.id, action: 'rename' })} onDelete={() => setEditing({ runId: run.id, action: 'delete' })} onTensorBoard={() => exportTensorBoard(run.id)} />
              )}
              {active && <TensorBoardNote exported={runData[run.id]?.tensorboard} />}
              {active && <RunSessions run={run} />}
              {action === 'delete' && (
                <DeleteRunConfirm
                  run={run}
                  snapshots={runData[run.id]?.snapshots.length}
                  disabled={!canCommand || isLive(run)}
                  onDelete={() => {
                    deleteRun(run.id);
                    done();
                  }}
                  onCancel={done}
                />
              )}
            </li>
          );
        })}
      </ul>
      {runs.length === 0 && !creating && <p className="hint">{hasProject ? 'No runs yet. Press New run.' : 'Open or create a project to see its runs.'}</p>}
    </section>
  );
}


function RunActions({ run, disabled, onRename, onDelete, onTensorBoard }: { run: RunSummary; disabled: boolean; onRename(): void; onDelete(): void; onTensorBoard(): void }) {
  const live = isLive(run);
  return (
    <div className="run-actions">
      <button
        className="link"
        data-testid="run-tensorboard"
        disabled={disabled || live}
        title={live ? 'A training run writes its TensorBoard files as it goes, under its folder’s tensorboard/.' : 'Write this run’s whole history (every branch) as TensorBoard files'}
        onClick={onTensorBoard}
      >
        TensorBoard
      </button>
      <button className="link" data-testid="run-rename" disabled={disabled} onClick={onRename}>
        Rename
      </button>
      <button className="link danger" data-testid="run-delete" disabled={disabled || live} title={live ? 'Stop the run before deleting it' : 'Delete this run and its snapshots'} onClick={onDelete}>
        Delete…
      </button>
    </div>
  );
}

/** Where the run's TensorBoard files are, with the command that opens them. */
function TensorBoardNote({ exported }: { exported: EventOf<'tensorboard/exported'> | undefined }) {
  if (!exported) return null;
  return (
    <p className="hint tensorboard-note" data-testid="tensorboard-exported" data-dir={exported.dir}>
      {formatStep(exported.points)} points of {exported.branches} {exported.branches === 1 ? 'branch' : 'branches'} written; on the trainer’s machine: <code>tensorboard --logdir &quot;{exported.dir}&quot;</code>
    </p>
  );
}

function RunItem({ run, active, onClick }: { run: RunSummary; active: boolean; onClick(): void }) {
  // While the window cannot hear the trainer, no run's state is known (it may have stopped or failed).
  const state = shownRunState(run.state, useApp((s) => s.connection));
  return (
    <button
      data-testid="run-item"
      data-run-id={run.id}
      data-state={state === UNKNOWN_RUN_STATE ? 'unknown' : state}
      className={`run-item ${active ? 'active' : ''}`}
      aria-pressed={active}
      title={`${run.recipe} · ${run.preset} · dataset ${run.dataset}${startedFromWords(run)}${run.interrupted ? ' · interrupted by a trainer crash' : ''}`}
      onClick={onClick}
    >
      <span className="run-item-name">{run.name}</span>
      <span className="num" title="steps trained">
        {formatStep(run.step)}
      </span>
      <span className="run-item-meta">
        <span className={`run-item-state state-${state === UNKNOWN_RUN_STATE ? 'unknown' : state}`}>
          <span className="state-dot" aria-hidden />
          {state}
        </span>
        <span>
          {' '}· {run.recipe} · {run.preset} ·{' '}
        </span>
        <span data-testid="run-backend" title="backend it last trained on">
          {run.backend ?? 'not trained yet'}
        </span>
        {run.startedFrom && (
          <span data-testid="run-started-from">
            {' '}· from {run.startedFrom.runName}
          </span>
        )}
      </span>
      <RunBests bests={run.bestLikeness} />
    </button>
  );
}

/** The best of each likeness series, one per part of the model, each named: never one number that mixes two. */
function RunBests({ bests }: { bests: RunSummary['bestLikeness'] }) {
  const series = Object.entries(bests ?? {}).sort(([a], [b]) => a.localeCompare(b)).reverse();
  if (series.length === 0) {
    return (
      <span className="num run-item-likeness" data-testid="run-likeness" title="no likeness evaluated yet">
        —
      </span>
    );
  }
  return (
    <span className="num run-item-likeness" data-testid="run-likeness" title={series.map(([key, value]) => `best ${likenessLabel(key).toLowerCase()}: ${value.toFixed(1)}%`).join('\n')}>
      {series.map(([key, value], i) => (
        <span key={key} data-testid="run-best-likeness" data-series={key}>
          {i > 0 && ' · '}
          {likenessShortLabel(key)} {value.toFixed(1)}%
        </span>
      ))}
    </span>
  );
}

/** Where a run's first weights came from, for its tooltip; empty for a run that started fresh. */
function startedFromWords(run: RunSummary): string {
  const from = run.startedFrom;
  if (!from) return '';
  return ` · started from ${from.groups.join(', ')} of '${from.runName}' at step ${formatStep(from.step)}${from.steps === 'carried' ? ', counting on from there' : ''}`;
}
