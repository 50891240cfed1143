import { useState } from 'react';
import { formatStep } from './format';
import { NewRunForm } from './project/NewRunForm';
import { useApp, useCanCommand } from '../store/store-context';

/** The project's runs with state, backend and best likeness; clicking one points the controls and charts at it. */
export function RunList() {
  const runs = useApp((s) => s.trainer.runs);
  const activeRunId = useApp((s) => s.trainer.activeRunId);
  const hasProject = useApp((s) => s.trainer.project !== null);
  const showRun = useApp((s) => s.showRun);
  const canCommand = useCanCommand();
  const [creating, setCreating] = useState(false);
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
        {runs.map((run) => (
          <li key={run.id}>
            <button
              data-testid="run-item"
              data-run-id={run.id}
              data-state={run.state}
              className={`run-item ${run.id === activeRunId ? 'active' : ''}`}
              aria-pressed={run.id === activeRunId}
              title={`${run.recipe} · ${run.preset} · dataset ${run.dataset}${run.interrupted ? ' · interrupted by a trainer crash' : ''}`}
              onClick={() => showRun(run.id)}
            >
              <span className="run-item-name">{run.name}</span>
              <span className="num" title="steps trained">
                {formatStep(run.step)}
              </span>
              <span className="run-item-meta">
                <span className={`run-item-state state-${run.state}`}>
                  <span className="state-dot" aria-hidden />
                  {run.state}
                </span>
                <span>
                  {' '}· {run.recipe} · {run.preset} ·{' '}
                </span>
                <span data-testid="run-backend" title="backend it last trained on">
                  {run.backend ?? 'not trained yet'}
                </span>
              </span>
              <span className="num run-item-likeness" data-testid="run-likeness" title="best likeness so far">
                {run.bestLikeness === undefined ? '—' : `${run.bestLikeness.toFixed(1)}%`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {runs.length === 0 && !creating && <p className="hint">{hasProject ? 'No runs yet. Press New run.' : 'Open or create a project to see its runs.'}</p>}
    </section>
  );
}
