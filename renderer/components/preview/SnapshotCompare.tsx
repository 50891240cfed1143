import { useState } from 'react';
import type { SnapshotInfo } from '../../../trainer/protocol';
import { formatStep } from '../format';

interface Props {
  snapshots: SnapshotInfo[];
  comparing: boolean;
  disabled: boolean;
  onCompare(a: string, b: string): void;
  onClose(): void;
}

function name(s: SnapshotInfo): string {
  return `step ${formatStep(s.step)} · ${s.label || s.reason}`;
}

/** Picks two snapshots whose motion for the preview clip is shown side by side. */
export function SnapshotCompare({ snapshots, comparing, disabled, onCompare, onClose }: Props) {
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  if (snapshots.length < 2 && !comparing) return null;
  const first = a || snapshots.at(0)?.id || '';
  const second = b || snapshots.at(-1)?.id || '';
  return (
    <div className="snapshot-compare">
      <span>Compare</span>
      <select data-testid="preview-compare-a" aria-label="First snapshot" value={first} onChange={(e) => setA(e.currentTarget.value)}>
        {snapshots.map((s) => (
          <option key={s.id} value={s.id}>
            {name(s)}
          </option>
        ))}
      </select>
      <select data-testid="preview-compare-b" aria-label="Second snapshot" value={second} onChange={(e) => setB(e.currentTarget.value)}>
        {snapshots.map((s) => (
          <option key={s.id} value={s.id}>
            {name(s)}
          </option>
        ))}
      </select>
      <button data-testid="preview-compare-button" disabled={disabled || !first || !second || first === second} onClick={() => onCompare(first, second)}>
        Compare
      </button>
      {comparing && (
        <button data-testid="preview-compare-close" onClick={onClose}>
          Back to training
        </button>
      )}
    </div>
  );
}
