import { shownRunState, UNKNOWN_RUN_STATE } from '../store/connection-truth';
import { activeRun } from '../store/selectors';
import { useApp } from '../store/store-context';

/** Where am I and is it training: project, active run, its state (unknown while the trainer cannot be heard). */
export function Header() {
  const projectName = useApp((s) => s.trainer.project?.name ?? null);
  const run = useApp((s) => activeRun(s.trainer));
  const stopped = useApp((s) => s.trainer.exited !== null);
  const connection = useApp((s) => s.connection);
  const state = run ? shownRunState(run.state, connection) : null;
  return (
    <header className="app-header">
      <span className="brand">Stagecraft</span>
      <span className="header-field">
        <span className="label">Project</span>
        <span data-testid="project-name" className={projectName ? '' : 'muted'}>
          {projectName ?? 'No project open'}
        </span>
      </span>
      <span className="header-field">
        <span className="label">Run</span>
        {run ? <span className="run-name">{run.name}</span> : <span className="muted">none</span>}
        {run && state && (
          <span className={`state-badge state-${state === UNKNOWN_RUN_STATE ? 'unknown' : state}`}>
            <span className="state-dot" aria-hidden />
            <span data-testid="run-state">{state}</span>
          </span>
        )}
      </span>
      {run && (
        <span className="header-field" data-testid="header-stage" title={`Plan: ${run.plan.name}`}>
          <span className="label">Stage</span>
          <span className="num">
            {run.stage.index + 1}/{run.plan.stages.length}
          </span>
          <span>“{run.plan.stages[run.stage.index]?.name ?? 'done'}”</span>
          {run.handoff && (
            <span className="header-waiting" data-testid="header-handoff">
              done · waiting for you
            </span>
          )}
        </span>
      )}
      {stopped && <span className="state-badge state-failed">Trainer stopped</span>}
    </header>
  );
}
