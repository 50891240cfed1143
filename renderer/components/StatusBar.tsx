import type { KernelSet } from '../../trainer/protocol';
import { connectionLabel, liveReading } from '../store/connection-truth';
import { activeRun, activeRunData, currentStep, latestValue } from '../store/selectors';
import { useApp } from '../store/store-context';
import { formatMemory, formatRate, formatStep } from './format';

/** The backend name's tooltip: whose kernels it runs, and why TF.js's stock ones when they are. */
function kernelsTitle(kernels: KernelSet | null): string | undefined {
  if (kernels === null) return undefined;
  return kernels.kind === 'custom' ? "Stagecraft's wasm kernels" : `stock kernels: ${kernels.reason}`;
}

/**
 * backend · step · steps/s · memory · connection: the one line that says whether anything is
 * happening. Speed and memory are live readings, so they are blank while no live trainer sends them.
 */
export function StatusBar() {
  const backend = useApp((s) => s.trainer.backend);
  const kernels = useApp((s) => s.trainer.backendKernels);
  const run = useApp((s) => activeRun(s.trainer));
  const metrics = useApp((s) => activeRunData(s.trainer).metrics);
  const status = useApp((s) => s.connection);
  const exited = useApp((s) => s.trainer.exited !== null);
  const connection = connectionLabel(status, exited);
  const live = (metric: string) => liveReading(latestValue(metrics, metric), status, exited);
  return (
    <footer className="status-bar">
      <span data-testid="backend-name" title={kernelsTitle(kernels)}>
        {backend ?? 'no backend'}
      </span>
      <span aria-hidden>·</span>
      <span data-testid="status-step" className="num">step {formatStep(currentStep(run, metrics))}</span>
      <span aria-hidden>·</span>
      <span data-testid="status-rate" className="num">{formatRate(live('stepsPerSec'))} steps/s</span>
      <span aria-hidden>·</span>
      <span data-testid="status-memory" className="num" title="TF.js tensor memory · whole trainer process (resident set)">
        {formatMemory(live('mem/tensorMB'), live('mem/rssMB'))}
      </span>
      <span aria-hidden>·</span>
      <span className={`connection connection-${connection.replaceAll(' ', '-')}`}>
        <span className="state-dot" aria-hidden />
        <span data-testid="connection-state">{connection}</span>
      </span>
    </footer>
  );
}
