/**
 * Controls as data: patches merged in, and each change described in words (for the chart
 * marker) and checked for risk (risky ones snapshot first). The defaults and the risk rule are
 * the contract's (protocol/control-defaults.ts, protocol/control-risks.ts): the window shows them too.
 */
import { controlDefaults, growthLevelWords, riskyTransitions, type ControlPath, type Controls, type ControlsPatch, type Growth, type GrowthLevel, type StagePlan } from '../protocol.js';
import { mergeGrowth, stagePatch } from './growth.js';
import { checkPlanMetrics } from './plan-metrics.js';
import { checkPlanRules } from './plan-rules.js';

/**
 * The controls a run starts from: the contract's defaults, the recipe's rate, batch and layer
 * groups (all unlocked), and where a run built to grow starts (engine/growth.ts).
 */
export function defaultControls(layerGroups: readonly string[], base: { learningRate: number; batchSize: number }, growth?: Growth): Controls {
  // A copy: a run's controls are its own, never the shared defaults object. Keys in the
  // schema's order, as run.json has always listed them.
  const shared = structuredClone(controlDefaults);
  return {
    learningRate: base.learningRate,
    randomWarp: shared.randomWarp,
    locks: Object.fromEntries(layerGroups.map((g) => [g, false])),
    lrd: shared.lrd,
    gan: shared.gan,
    precision: shared.precision,
    optimizer: shared.optimizer,
    batchSize: base.batchSize,
    accumulation: shared.accumulation,
    recompute: shared.recompute,
    ...(growth ? { growth } : {}),
  };
}

export class ControlsError extends Error {}

/**
 * Applies a patch; nested settings merge key by key. Unknown layer groups fail loudly. A group
 * is known only as an own key of the recipe's locks: `in` would also see `constructor`,
 * `toString`, `__proto__` and the rest of Object.prototype.
 */
export function mergeControls(controls: Controls, patch: ControlsPatch, growthLevels?: readonly GrowthLevel[]): Controls {
  const unknown = Object.keys(patch.locks ?? {}).filter((group) => !Object.hasOwn(controls.locks, group));
  if (unknown.length > 0) {
    throw new ControlsError(`No layer group named ${unknown.map((g) => `'${g}'`).join(', ')}; this recipe has ${Object.keys(controls.locks).join(', ')}.`);
  }
  const next: Controls = {
    ...controls,
    ...withoutUndefined({ learningRate: patch.learningRate, precision: patch.precision, batchSize: patch.batchSize, accumulation: patch.accumulation, recompute: patch.recompute }),
    randomWarp: { ...controls.randomWarp, ...withoutUndefined(patch.randomWarp ?? {}) },
    locks: { ...controls.locks, ...withoutUndefined(patch.locks ?? {}) } as Record<string, boolean>,
    lrd: { ...controls.lrd, ...withoutUndefined(patch.lrd ?? {}) },
    gan: { ...controls.gan, ...withoutUndefined(patch.gan ?? {}) },
    optimizer: { ...controls.optimizer, ...withoutUndefined(patch.optimizer ?? {}) },
  };
  if (next.batchSize % next.accumulation !== 0) {
    throw new ControlsError(`Batch size ${next.batchSize} does not split into ${next.accumulation} equal micro-batches.`);
  }
  try {
    return mergeGrowth(controls, next, patch, growthLevels);
  } catch (error) {
    throw new ControlsError((error as Error).message);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface ControlsChange {
  /** Dotted paths of what changed: 'randomWarp.enabled', 'locks.encoder', 'learningRate'. */
  changed: ControlPath[];
  /** Each changed path with its change in words ("GAN on", "lock encoder"), in the same order. */
  parts: { path: ControlPath; words: string }[];
  /** The change in words, for the chart marker. */
  label: string;
  /** Transitions that must be preceded by a snapshot, in words ("random warp off"): the contract's rule. */
  risky: string[];
}

export function describeChange(before: Controls, after: Controls, growthLevels?: readonly GrowthLevel[]): ControlsChange {
  const parts: { path: ControlPath; words: string }[] = [];
  const change = (path: ControlPath, words: string) => parts.push({ path, words });
  const onOff = (on: boolean) => (on ? 'on' : 'off');
  const lr = (v: number) => v.toExponential(1);

  // First: growing is the headline of a change that also locks the old levels.
  if (before.growth && after.growth) {
    const { level, fadeSteps } = after.growth;
    const named = growthLevels?.[level];
    if (before.growth.level !== level) change('growth.level', `grow to ${named ? growthLevelWords(named) : `level ${level}`}`);
    if (before.growth.fadeSteps !== fadeSteps) change('growth.fadeSteps', `fade ${fadeSteps} steps`);
  }
  if (before.learningRate !== after.learningRate) {
    change('learningRate', `LR ${lr(before.learningRate)} → ${lr(after.learningRate)}`);
  }
  for (const [name, key] of [['random warp', 'randomWarp'], ['LRD', 'lrd'], ['GAN', 'gan']] as const) {
    for (const field of Object.keys(after[key]) as (keyof (typeof after)[typeof key])[]) {
      const was = before[key][field];
      const now = after[key][field];
      if (was === now) continue;
      change(`${key}.${String(field)}` as ControlPath, field === 'enabled' ? `${name} ${onOff(Boolean(now))}` : `${name} ${String(field)} ${String(now)}`);
    }
  }
  for (const group of Object.keys(after.locks)) {
    if (before.locks[group] === after.locks[group]) continue;
    change(`locks.${group}`, `${after.locks[group] ? 'lock' : 'unlock'} ${group}`);
  }
  if (before.precision !== after.precision) {
    change('precision', after.precision.toUpperCase());
  }
  for (const key of ['batchSize', 'accumulation', 'recompute'] as const) {
    if (before[key] !== after[key]) change(key, `${key} ${String(after[key])}`);
  }
  for (const field of Object.keys(after.optimizer) as (keyof Controls['optimizer'])[]) {
    if (JSON.stringify(before.optimizer[field]) !== JSON.stringify(after.optimizer[field])) change(`optimizer.${field}`, `${field} ${JSON.stringify(after.optimizer[field])}`);
  }
  const risky = riskyTransitions(before, after).map((r) => r.words);
  return { changed: parts.map((p) => p.path), parts, label: parts.map((p) => p.words).join(', '), risky };
}

/**
 * Checks a stage plan against a run's controls and its recipe before it is accepted: every
 * stage's patch, applied in order, must merge (known layer groups, batch splits into its
 * micro-batches), and every plateau must watch a metric the recipe logs, the right way round.
 */
export function validatePlan(controls: Controls, plan: StagePlan, recipe: { id: string; metrics: readonly string[] }, growthLevels?: readonly GrowthLevel[]): void {
  let current = controls;
  plan.stages.forEach((stage, i) => {
    try {
      current = mergeControls(current, stagePatch(stage.controls, current), growthLevels);
    } catch (error) {
      throw new ControlsError(`Stage ${i + 1} '${stage.name}': ${(error as Error).message}`);
    }
  });
  try {
    checkPlanMetrics(plan, recipe);
    checkPlanRules(plan, recipe, Object.keys(controls.locks));
  } catch (error) {
    throw new ControlsError((error as Error).message);
  }
}
