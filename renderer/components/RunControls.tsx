import { activeRun } from '../store/selectors';
import { runActions } from '../store/run-actions';
import { useApp, useCanCommand } from '../store/store-context';

/** Start / Pause / Resume / Stop for the active run, each enabled only where it applies. */
export function RunControls() {
  const run = useApp((s) => activeRun(s.trainer));
  const canCommand = useCanCommand();
  const startRun = useApp((s) => s.startRun);
  const pauseRun = useApp((s) => s.pauseRun);
  const resumeRun = useApp((s) => s.resumeRun);
  const stopRun = useApp((s) => s.stopRun);
  const can = runActions(canCommand && run ? run.state : null);
  const id = run?.id ?? '';
  return (
    <section className="panel" aria-label="Run controls">
      <div className="button-row">
        <button data-testid="run-start" className="primary" disabled={!can.start} onClick={() => startRun(id)}>
          Start training
        </button>
        <button data-testid="run-pause" disabled={!can.pause} onClick={() => pauseRun(id)}>
          Pause
        </button>
        <button data-testid="run-resume" className="primary" disabled={!can.resume} onClick={() => resumeRun(id)}>
          Resume
        </button>
        <button data-testid="run-stop" className="danger" disabled={!can.stop} onClick={() => stopRun(id)}>
          Stop
        </button>
      </div>
    </section>
  );
}
