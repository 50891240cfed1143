/**
 * The headline likeness of the newest evaluation, and which named series it is (protocol
 * likeness.ts): the stats show "Generator likeness 62.0%", never a bare number whose meaning
 * changed when the generator started training.
 *
 * Asked on every batch, so it remembers where it read up to: a log that extends the one last
 * asked about scans only its new points (an evaluation is one point in 250, and a recipe that
 * reports no likeness would otherwise be scanned whole, a million points, every batch).
 */
import { HEADLINE_LIKENESS, likenessLabel, likenessMeaning, likenessReading, type MetricPoint } from '../../../trainer/protocol';
import type { PointList } from '../../store/metric-log';

export interface HeadlineLikeness {
  /** The series the value is ('val/generator_likeness'), or 'likeness' when the recipe names none. */
  series: string;
  /** "Generator likeness", or "Likeness". */
  label: string;
  /** "from audio alone", or '' when unknown. */
  meaning: string;
  /** Null when the evaluation reported it non-finite. */
  value: number | null;
}

interface Known {
  length: number;
  tail: MetricPoint | undefined;
  point: MetricPoint | null;
}

let known: Known | null = null;

/** The newest evaluation's headline likeness; null before any evaluation reported one. */
export function headlineLikeness(metrics: PointList): HeadlineLikeness | null {
  const point = newestWithHeadline(metrics);
  if (point === null) return null;
  const reading = likenessReading(finiteValues(point.values));
  const series = reading?.phase ?? HEADLINE_LIKENESS;
  return {
    series,
    label: series === HEADLINE_LIKENESS ? 'Likeness' : likenessLabel(series),
    meaning: likenessMeaning(series),
    value: reading?.value ?? null,
  };
}

function newestWithHeadline(metrics: PointList): MetricPoint | null {
  const before = known;
  const extendsBefore = before !== null && before.length > 0 && metrics.length >= before.length && metrics.at(before.length - 1) === before.tail;
  const scanFrom = extendsBefore ? before.length : 0;
  let point = extendsBefore ? before.point : null;
  for (let i = metrics.length - 1; i >= scanFrom; i--) {
    const p = metrics.at(i)!;
    if (p.values[HEADLINE_LIKENESS] !== undefined) {
      point = p;
      break;
    }
  }
  known = { length: metrics.length, tail: metrics.at(-1), point };
  return point;
}

/** likenessReading compares finite numbers; a non-finite value (logged as null) is left out. */
function finiteValues(values: MetricPoint['values']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key in values) {
    const v = values[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  return out;
}
