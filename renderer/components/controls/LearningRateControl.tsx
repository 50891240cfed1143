import { useState } from 'react';
import { controlLimits, riskSentence } from '../../../trainer/protocol';
import { appliedStepOf } from '../../store/selectors';
import { ControlRow } from './ControlRow';
import { parseNumber } from './number-draft';
import { useLiveControls } from './use-live-controls';

/** Shortest faithful text for a learning rate: 2e-4, not 0.00019999999. */
export function formatLearningRate(lr: number): string {
  return lr.toExponential().replace(/\.?0+e/, 'e').replace('e+', 'e');
}

const limit = controlLimits.learningRate;

/** The peak learning rate, typed; it applies on Enter or when the field loses focus. */
export function LearningRateControl() {
  const { controls, appliedAt, enabled, set } = useLiveControls();
  // Only what is being typed is local; everywhere else the field shows the applied value.
  const [draft, setDraft] = useState<string | null>(null);
  const applied = controls?.learningRate ?? null;
  const shown = draft ?? (applied === null ? '' : formatLearningRate(applied));
  const parsed = draft === null ? null : parseNumber(draft, limit);
  const commit = () => {
    if (parsed === null) return;
    setDraft(null);
    if (parsed.ok && parsed.value !== applied) set({ learningRate: parsed.value });
  };
  const invalid = parsed !== null && !parsed.ok;
  return (
    <ControlRow
      testId="control-learning-rate"
      label="Learning rate"
      appliedStep={appliedStepOf(appliedAt, 'learningRate')}
      hint="Peak step size, before warm-up, milestones and LRD's cosine. Enter applies."
      risk={riskSentence('learningRate')}
    >
      <input
        type="number"
        className="num lr-input"
        aria-label="Learning rate"
        aria-invalid={invalid}
        step="any"
        min={limit.min}
        max={limit.max}
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
