import { activeRun, activeRunData, currentStep, latestValue } from '../store/selectors';
import { useApp } from '../store/store-context';
import { formatMetric, formatRate, formatStep } from './format';

/** The numbers a person glances at: where training is, how fast, and the latest loss. */
export function RunStats() {
  const run = useApp((s) => activeRun(s.trainer));
  const data = useApp((s) => activeRunData(s.trainer));
  const step = currentStep(run, data.metrics);
  const rate = latestValue(data.metrics, 'stepsPerSec');
  const controls = data.controls ?? run?.controls ?? null;
  return (
    <dl className="stats">
      <div>
        <dt>Step</dt>
        <dd data-testid="step-counter" data-step={step} className="num">
          {formatStep(step)}
        </dd>
      </div>
      <div>
        <dt>Steps/s</dt>
        <dd data-testid="steps-per-sec" className="num">
          {formatRate(rate)}
        </dd>
      </div>
      <div>
        <dt>Loss</dt>
        <dd className="num">{formatMetric(data.metrics.at(-1)?.values.loss)}</dd>
      </div>
      <div>
        <dt>Learning rate</dt>
        <dd className="num">{controls ? controls.learningRate.toExponential(1) : '—'}</dd>
      </div>
    </dl>
  );
}
