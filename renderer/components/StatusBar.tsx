import { activeRun, activeRunData, currentStep, latestValue } from '../store/selectors';
import { useApp } from '../store/store-context';
import { formatMemory, formatRate, formatStep } from './format';

/** backend · step · steps/s · memory · connection: the one line that says whether anything is happening. */
export function StatusBar() {
  const backend = useApp((s) => s.trainer.backend);
  const run = useApp((s) => activeRun(s.trainer));
  const metrics = useApp((s) => activeRunData(s.trainer).metrics);
  const connection = useApp((s) => (s.trainer.exited ? 'trainer stopped' : s.connection));
  return (
    <footer className="status-bar">
      <span data-testid="backend-name">{backend ?? 'no backend'}</span>
      <span aria-hidden>·</span>
      <span data-testid="status-step" className="num">step {formatStep(currentStep(run, metrics))}</span>
      <span aria-hidden>·</span>
      <span data-testid="status-rate" className="num">{formatRate(latestValue(metrics, 'stepsPerSec'))} steps/s</span>
      <span aria-hidden>·</span>
      <span data-testid="status-memory" className="num" title="TF.js tensor memory · whole trainer process (resident set)">
        {formatMemory(latestValue(metrics, 'mem/tensorMB'), latestValue(metrics, 'mem/rssMB'))}
      </span>
      <span aria-hidden>·</span>
      <span className={`connection connection-${connection.replace(' ', '-')}`}>
        <span className="state-dot" aria-hidden />
        <span data-testid="connection-state">{connection}</span>
      </span>
    </footer>
  );
}
