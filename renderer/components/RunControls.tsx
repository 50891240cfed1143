import { useCallback } from 'react';
import { activeRun } from '../store/selectors';
import { runActions } from '../store/run-actions';
import { useApp, useCanCommand } from '../store/store-context';
import { spaceCommand } from './pause-key';
import { usePauseKey } from './use-pause-key';

/** Start / Pause / Resume / Stop for the active run, each enabled only where it applies; Space pauses and resumes. */
export function RunControls() {
  const run = useApp((s) => activeRun(s.trainer));
  const canCommand = useCanCommand();
  const startRun = useApp((s) => s.startRun);
  const pauseRun = useApp((s) => s.pauseRun);
  const resumeRun = useApp((s) => s.resumeRun);
  const stopRun = useApp((s) => s.stopRun);
  const continueRun = useApp((s) => s.continueRun);
  const can = runActions(canCommand && run ? run.state : null);
  const id = run?.id ?? '';
  const space = spaceCommand(canCommand && run ? run.state : null);
  const toggle = useCallback(() => (space === 'pause' ? pauseRun(id) : resumeRun(id)), [space, id, pauseRun, resumeRun]);
  usePauseKey(space ? toggle : null);
  return (
    <section className="panel run-controls" aria-label="Run controls">
      <div className="button-row">
        <button data-testid="run-start" className="primary" disabled={!can.start} onClick={() => startRun(id)}>
          Start training
        </button>
        <button data-testid="run-pause" disabled={!can.pause} title="Pause (Space)" onClick={() => pauseRun(id)}>
          Pause <kbd>Space</kbd>
        </button>
        <button data-testid="run-resume" className="primary" disabled={!can.resume} title="Resume (Space)" onClick={() => resumeRun(id)}>
          Resume <kbd>Space</kbd>
        </button>
        <button data-testid="run-stop" className="danger" disabled={!can.stop} title="Takes a snapshot, then stops: Continue picks up exactly here." onClick={() => stopRun(id)}>
          Stop
        </button>
        <button data-testid="run-continue" className="primary" disabled={!can.continue} title="Train on from where Stop left it: same branch, next step." onClick={() => continueRun(id)}>
          Continue
        </button>
      </div>
    </section>
  );
}
