import { liveReading } from '../store/connection-truth';
import { activeRun, activeRunData, appliedControls, currentStep, latestValue, newestStepPoint } from '../store/selectors';
import { useApp } from '../store/store-context';
import { headlineLikeness, type HeadlineLikeness } from './chart/likeness-headline';
import { LearningRateReadout } from './controls/LearningRateReadout';
import { formatMetric, formatRate, formatStep } from './format';

/** The numbers a person glances at: where training is, how fast (only while the trainer is heard), and the latest loss. */
export function RunStats() {
  const run = useApp((s) => activeRun(s.trainer));
  const data = useApp((s) => activeRunData(s.trainer));
  const step = currentStep(run, data.metrics);
  const connection = useApp((s) => s.connection);
  const exited = useApp((s) => s.trainer.exited !== null);
  const rate = liveReading(latestValue(data.metrics, 'stepsPerSec'), connection, exited);
  const controls = useApp((s) => appliedControls(s.trainer));
  const fp16 = controls?.precision === 'fp16';
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
        <dd data-testid="stat-loss" className="num">
          {/* The newest step's loss: the newest point may be an evaluation that landed late, with none. */}
          {formatMetric(newestStepPoint(data.metrics)?.values.loss)}
        </dd>
      </div>
      <LikenessStat likeness={headlineLikeness(data.metrics)} jointError={latestValue(data.metrics, 'val/joint_error_pct')} />
      <div>
        <dt>Learning rate</dt>
        <dd className="num">
          <LearningRateReadout peak={controls?.learningRate ?? null} current={latestValue(data.metrics, 'lr')} />
        </dd>
      </div>
      {fp16 && (
        <>
          <div title="FP16 is emulated: the loss is multiplied by this scale so small gradients survive rounding; it halves on overflow.">
            <dt>Loss scale</dt>
            <dd data-testid="stat-loss-scale" className="num">
              {formatCount(latestValue(data.metrics, 'lossScale'))}
            </dd>
          </div>
          <div title="Steps whose scaled gradients overflowed FP16 and were skipped.">
            <dt>Skipped steps</dt>
            <dd data-testid="stat-skipped-steps" className="num">
              {formatCount(latestValue(data.metrics, 'skippedSteps'))}
            </dd>
          </div>
        </>
      )}
    </dl>
  );
}

function formatCount(value: number | null): string {
  return value === null ? '—' : formatStep(value);
}

/**
 * The latest evaluation: likeness (0–100) where the recipe reports it, named by the series it is
 * (the headline copies the tokenizer's, then the generator's), else the validation joint error.
 */
function LikenessStat({ likeness, jointError }: { likeness: HeadlineLikeness | null; jointError: number | null }) {
  if (likeness === null && jointError !== null) {
    return (
      <div title="Validation joint position error, % of body height (lower is better); updated at each evaluation.">
        <dt>Joint error</dt>
        <dd data-testid="stat-joint-error" className="num">
          {jointError.toFixed(2)}%
        </dd>
      </div>
    );
  }
  const label = likeness?.label ?? 'Likeness';
  const what = likeness?.meaning ? `${label}, ${likeness.meaning}` : label;
  return (
    <div title={`${what}: 0% = no better than holding the mean pose, 100% = the ground truth (higher is better); updated at each evaluation.`}>
      <dt data-testid="stat-likeness-label">{label}</dt>
      <dd data-testid="stat-likeness" data-value={likeness?.value ?? ''} data-series={likeness?.series ?? ''} className="num">
        {likeness === null || likeness.value === null ? '—' : `${likeness.value.toFixed(1)}%`}
      </dd>
    </div>
  );
}
