import { useState } from 'react';
import type { SnapshotPolicy } from '../../../trainer/protocol';

/** The defaults the trainer applies until a run has its own policy (trainer/snapshots/retention.ts). */
const DEFAULT_POLICY: SnapshotPolicy = { interval: { every: 30, unit: 'minutes' }, keepLast: 5, hourlyForHours: 24, dailyForDays: 30 };

interface Props {
  policy: SnapshotPolicy | undefined;
  disabled: boolean;
  onApply(policy: SnapshotPolicy): void;
}

/** Interval snapshots and how many automatic ones are kept; manual snapshots are always kept. */
export function SnapshotPolicyForm({ policy = DEFAULT_POLICY, disabled, onApply }: Props) {
  const [draft, setDraft] = useState<SnapshotPolicy>(policy);
  const changed = JSON.stringify(draft) !== JSON.stringify(policy);
  const number = (value: string, fallback: number) => (Number.isFinite(Number(value)) && value !== '' ? Number(value) : fallback);
  return (
    <details className="snapshot-policy" data-testid="snapshot-policy">
      <summary>Automatic snapshots</summary>
      <label>
        Every
        <input
          type="number"
          min={0}
          data-testid="policy-every"
          value={draft.interval.every}
          onChange={(e) => setDraft({ ...draft, interval: { ...draft.interval, every: number(e.target.value, 0) } })}
        />
        <select data-testid="policy-unit" value={draft.interval.unit} onChange={(e) => setDraft({ ...draft, interval: { ...draft.interval, unit: e.target.value as 'steps' | 'minutes' } })}>
          <option value="minutes">minutes</option>
          <option value="steps">steps</option>
        </select>
        <span className="muted">(0 = off)</span>
      </label>
      <label>
        Keep the last
        <input type="number" min={1} data-testid="policy-keep-last" value={draft.keepLast} onChange={(e) => setDraft({ ...draft, keepLast: Math.max(1, number(e.target.value, 1)) })} />
        automatic, then one an hour for
        <input type="number" min={0} value={draft.hourlyForHours} onChange={(e) => setDraft({ ...draft, hourlyForHours: number(e.target.value, 0) })} />
        h and one a day for
        <input type="number" min={0} value={draft.dailyForDays} onChange={(e) => setDraft({ ...draft, dailyForDays: number(e.target.value, 0) })} />
        days
      </label>
      <p className="hint">Manual snapshots, and any a branch starts from, are always kept.</p>
      <button data-testid="policy-apply" disabled={disabled || !changed} onClick={() => onApply(draft)}>
        Apply
      </button>
    </details>
  );
}
