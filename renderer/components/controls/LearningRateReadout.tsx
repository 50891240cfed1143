import { formatLearningRate } from './LearningRateControl';

/** The peak rate the person set, and the rate this step actually used when the trainer logs it. */
export function LearningRateReadout({ peak, current }: { peak: number | null; current: number | null }) {
  if (peak === null) return <>—</>;
  return (
    <span title="peak (current, after warm-up, milestones and cosine)">
      {formatLearningRate(peak)}
      {current !== null && current !== peak && <span className="stat-sub"> ({current.toExponential(1)})</span>}
    </span>
  );
}
