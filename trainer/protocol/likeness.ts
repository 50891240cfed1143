/**
 * Likeness, as both sides read it. A recipe reports one named series per part of the model
 * ('val/tokenizer_likeness': its reconstructions; 'val/generator_likeness': motion from the
 * audio alone), each calibrated so 0% = no better than holding the mean pose and 100% = the
 * ground truth. Beside them it reports `likeness`, the headline: a copy of the series of the
 * part being trained. The series the headline equals is its phase; a series never changes
 * meaning, so charts and bests are per series, and the headline says which one it shows.
 */
import type { MetricPoint } from './runs.js';

/** The headline key (a copy of one named series). */
export const HEADLINE_LIKENESS = 'likeness';

/** What each known series measures, in the words the window uses. */
const SERIES: Readonly<Record<string, { label: string; means: string }>> = {
  'val/tokenizer_likeness': { label: 'Tokenizer likeness', means: 'reconstruction' },
  'val/generator_likeness': { label: 'Generator likeness', means: 'from audio alone' },
};

/** A named likeness series ('val/…_likeness'), not the headline copy. */
export function isLikenessSeries(key: string): boolean {
  return key !== HEADLINE_LIKENESS && key.endsWith('_likeness');
}

/** "Tokenizer likeness" for 'val/tokenizer_likeness'; a recipe's own series by its name. */
export function likenessLabel(key: string): string {
  return SERIES[key]?.label ?? key.replace(/^val\//, '').replace(/_/g, ' ');
}

/** "tok" / "gen": where there is room for a word only (the runs list, a snapshot row); the tooltip says it whole. */
export function likenessShortLabel(key: string): string {
  return likenessLabel(key).split(' ')[0]!.slice(0, 3).toLowerCase();
}

/** What the series scores ("reconstruction", "from audio alone"), or '' when unknown. */
export function likenessMeaning(key: string): string {
  return SERIES[key]?.means ?? '';
}

/** The headline likeness of an evaluation and the series it is (its phase). */
export interface LikenessReading {
  phase: string;
  value: number;
}

/** The headline of one evaluation's values, or null when it reported none. */
export function likenessReading(values: Readonly<Record<string, number>>): LikenessReading | null {
  const value = values[HEADLINE_LIKENESS];
  if (value === undefined || !Number.isFinite(value)) return null;
  const phase = Object.keys(values).find((key) => isLikenessSeries(key) && values[key] === value);
  return { phase: phase ?? HEADLINE_LIKENESS, value };
}

/**
 * Each series' best after `points`, starting from `bests`; null when no series improved.
 * The runs list shows these, one per series, never the headline's mix of two.
 */
export function bestLikenesses(points: readonly MetricPoint[], bests: Readonly<Record<string, number>> = {}): Record<string, number> | null {
  let next: Record<string, number> | null = null;
  for (const point of points) {
    for (const [key, value] of Object.entries(point.values)) {
      if (!isLikenessSeries(key) || typeof value !== 'number' || !Number.isFinite(value)) continue;
      const best = (next ?? bests)[key] ?? -Infinity;
      if (value > best) next = { ...(next ?? bests), [key]: value };
    }
  }
  return next;
}
