import { useState } from 'react';
import { appliedStepOf } from '../../store/selectors';
import { ControlRow } from './ControlRow';
import { useLiveControls } from './use-live-controls';

/** Shortest faithful text for a learning rate: 2e-4, not 0.00019999999. */
export function formatLearningRate(lr: number): string {
  return lr.toExponential().replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/** The peak learning rate, typed; it applies on Enter or when the field loses focus. */
export function LearningRateControl() {
  const { controls, appliedAt, enabled, set } = useLiveControls();
  // Only what is being typed is local; everywhere else the field shows the applied value.
  const [draft, setDraft] = useState<string | null>(null);
  const applied = controls?.learningRate ?? null;
  const shown = draft ?? (applied === null ? '' : formatLearningRate(applied));
  const commit = () => {
    if (draft === null) return;
    const next = Number(draft);
    setDraft(null);
    if (Number.isFinite(next) && next > 0 && next <= 1 && next !== applied) set({ learningRate: next });
  };
  const invalid = draft !== null && !(Number(draft) > 0 && Number(draft) <= 1);
  return (
    <ControlRow
      testId="control-learning-rate"
      label="Learning rate"
      appliedStep={appliedStepOf(appliedAt, 'learningRate')}
      hint="Peak step size, before warm-up, milestones and LRD's cosine. Enter applies."
      risk="Raising the learning rate takes a snapshot first."
    >
      <input
        type="number"
        className="num lr-input"
        aria-label="Learning rate"
        aria-invalid={invalid}
        step="any"
        min={0}
        max={1}
        value={shown}
        disabled={!enabled}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
    </ControlRow>
  );
}
