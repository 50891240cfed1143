import { useState } from 'react';
import { metricInfo, type SnapshotInfo } from '../../../trainer/protocol';
import { useApp, useCanCommand } from '../../store/store-context';
import { formatMetric, formatStep } from '../format';
import { describeSnapshot } from './format-snapshot';

/**
 * Two snapshots side by side (snapshot/compare): every metric the trainer logged at or before
 * each one's step, with the difference, the better side marked where the metric has a better
 * direction. What the trainer answers is shown as it is; the window computes only the difference.
 */
export function SnapshotCompare({ runId, snapshots }: { runId: string; snapshots: readonly SnapshotInfo[] }) {
  const compare = useApp((s) => s.compareSnapshots);
  const compared = useApp((s) => s.snapshotUi.compared);
  const canCommand = useCanCommand();
  // The person's picks; until they pick (or once a pick is deleted), the two newest.
  const [pickedA, setA] = useState<string | null>(null);
  const [pickedB, setB] = useState<string | null>(null);
  if (snapshots.length < 2) return null;
  const known = (id: string | null) => (id !== null && snapshots.some((s) => s.id === id) ? id : null);
  const a = known(pickedA) ?? snapshots.at(-2)!.id;
  const b = known(pickedB) ?? snapshots.at(-1)!.id;
  const pick = (value: string, set: (id: string) => void, label: string) => (
    <select aria-label={label} data-testid={`snapshot-compare-${label}`} value={value} onChange={(e) => set(e.target.value)}>
      {snapshots.map((s) => (
        <option key={s.id} value={s.id}>
          step {formatStep(s.step)} · {describeSnapshot(s)}
        </option>
      ))}
    </select>
  );
  const shown = compared && compared.runId === runId && compared.sides.length === 2 ? compared.sides : null;
  return (
    <details className="snapshot-compare" data-testid="snapshot-compare">
      <summary>Compare two snapshots</summary>
      <div className="button-row">
        {pick(a, setA, 'a')}
        {pick(b, setB, 'b')}
        <button type="button" data-testid="snapshot-compare-go" disabled={!canCommand || a === b} onClick={() => compare(runId, a, b)}>
          Compare
        </button>
      </div>
      {shown && <CompareTable sides={shown} />}
    </details>
  );
}

type Side = { snapshot: SnapshotInfo; values: Record<string, number | null> };

function CompareTable({ sides }: { sides: readonly Side[] }) {
  const [left, right] = sides as [Side, Side];
  const keys = [...new Set([...Object.keys(left.values), ...Object.keys(right.values)])].filter((k) => !k.startsWith('mem/') && !k.startsWith('debug/')).sort();
  return (
    <table className="snapshot-compare-table num" data-testid="snapshot-compare-table">
      <thead>
        <tr>
          <th>metric</th>
          <th>step {formatStep(left.snapshot.step)}</th>
          <th>step {formatStep(right.snapshot.step)}</th>
          <th>change</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const x = left.values[key] ?? null;
          const y = right.values[key] ?? null;
          const better = metricInfo(key).better;
          const winner = x === null || y === null || x === y || !better ? null : (better === 'higher') === y > x ? 'right' : 'left';
          return (
            <tr key={key} data-testid="snapshot-compare-row" data-metric={key}>
              <td>{key}</td>
              <td className={winner === 'left' ? 'better' : undefined}>{formatMetric(x)}</td>
              <td className={winner === 'right' ? 'better' : undefined}>{formatMetric(y)}</td>
              <td>{x === null || y === null ? '—' : formatMetric(y - x)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
