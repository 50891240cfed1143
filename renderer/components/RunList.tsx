import { formatStep } from './format';
import { useApp, useCanCommand } from '../store/store-context';

/** The project's runs; clicking one points the controls and chart at it. */
export function RunList() {
  const runs = useApp((s) => s.trainer.runs);
  const activeRunId = useApp((s) => s.trainer.activeRunId);
  const hasProject = useApp((s) => s.trainer.project !== null);
  const selectRun = useApp((s) => s.selectRun);
  const createRun = useApp((s) => s.createRun);
  const canCommand = useCanCommand();
  return (
    <section className="panel" aria-labelledby="runs-heading">
      <div className="panel-title">
        <h2 id="runs-heading">Runs</h2>
        <button data-testid="new-run-button" disabled={!canCommand || !hasProject} onClick={createRun}>
          New run
        </button>
      </div>
      <ul data-testid="run-list" className="run-list">
        {runs.map((run) => (
          <li key={run.id}>
            <button
              data-testid="run-item"
              data-run-id={run.id}
              className={`run-item ${run.id === activeRunId ? 'active' : ''}`}
              aria-pressed={run.id === activeRunId}
              onClick={() => selectRun(run.id)}
            >
              <span className="run-item-name">{run.name}</span>
              <span className={`run-item-state state-${run.state}`}>{run.state}</span>
              <span className="num">{formatStep(run.step)}</span>
            </button>
          </li>
        ))}
      </ul>
      {runs.length === 0 && <p className="hint">{hasProject ? 'No runs yet. Press New run.' : 'Open or create a project to see its runs.'}</p>}
    </section>
  );
}
