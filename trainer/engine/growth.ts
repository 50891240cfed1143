/**
 * Growth stages as the trainer applies them: which runs are built to grow, the layer groups
 * that brings, what "Grow" does to the controls (the old levels' groups locked, as every growth
 * stage starts in DeepFaceLab's practice) and which groups are not in the model yet. The
 * model side is nn/time-pyramid.ts; the fade's progress is GrowthFade (controlled-step.ts).
 */
import type { GrowthState } from '../nn/time-pyramid.js';
import { growthLevelWords, ungrownGroups, type Controls, type ControlsPatch, type Growth, type GrowthLevel, type StagePlan } from '../protocol.js';
import type { RecipeModel } from '../recipes/recipe.js';

/** Steps a new level fades in over unless the plan or the person says otherwise. */
export const DEFAULT_FADE_STEPS = 500;

export class GrowthError extends Error {}

/**
 * The growth levels a run with `plan` is built with, and the level it starts at; null for a
 * plan that does not grow. A plan grows when its first stage names a level (so the run knows
 * where to start); naming one later only is refused, as is growth in a recipe without levels.
 */
export function planGrowth(plan: StagePlan, recipe: { id: string; growthLevels?: readonly GrowthLevel[] | undefined }): { levels: GrowthLevel[]; start: Growth } | null {
  const naming = plan.stages.findIndex((s) => s.controls.growth?.level !== undefined);
  if (naming === -1) return null;
  const levels = recipe.growthLevels;
  if (!levels || levels.length < 2) throw new GrowthError(`Stage ${naming + 1} '${plan.stages[naming]!.name}' names a growth level, but ${recipe.id} cannot grow.`);
  const first = plan.stages[0]!;
  const level = first.controls.growth?.level;
  if (level === undefined) throw new GrowthError(`Stage ${naming + 1} '${plan.stages[naming]!.name}' names a growth level, so the first stage must name the level the run starts at (growth.level).`);
  if (level >= levels.length) throw new GrowthError(`Stage 1 '${first.name}' starts at growth level ${level}, but ${recipe.id} has levels 0–${levels.length - 1}.`);
  const start = { level, fadeSteps: first.controls.growth?.fadeSteps ?? DEFAULT_FADE_STEPS };
  return { levels: levels.map((l) => ({ name: l.name, groups: [...l.groups] })), start };
}

/** A run's layer groups: the recipe's, with the groups its growth levels add after the tokenizer's own. */
export function runLayerGroups(layerGroups: readonly string[], levels: readonly GrowthLevel[] | undefined): string[] {
  if (!levels) return [...layerGroups];
  const added = levels.slice(1).flatMap((l) => l.groups);
  const base = new Set(levels[0]?.groups);
  const lastBase = Math.max(...layerGroups.map((g, i) => (base.has(g) ? i : -1)));
  return [...layerGroups.slice(0, lastBase + 1), ...added, ...layerGroups.slice(lastBase + 1)];
}

/**
 * The controls a step trains under: the groups of levels above the run's are locked, since
 * they are not in the model's forward pass yet (weight decay alone would move them).
 */
export function withUngrownLocked(controls: Controls, levels: readonly GrowthLevel[] | undefined): Controls {
  const ungrown = ungrownGroups(levels, controls);
  if (ungrown.length === 0) return controls;
  return { ...controls, locks: { ...controls.locks, ...Object.fromEntries(ungrown.map((g) => [g, true])) } };
}

/**
 * How far the newest level is faded in: alpha rises from 1/fadeSteps at the first step after
 * growing to 1. Its start is saved in snapshots (like the GAN ramp's), so a resumed fade goes on.
 */
export class GrowthFade {
  /** The step the run grew to its current level at; null: it started there (fully in). */
  since: number | null = null;
  private level: number | null = null;

  /** The growth state for step `step` (0-based, the one about to be taken) under `controls`. */
  stateAt(step: number, controls: Controls): GrowthState | null {
    const growth = controls.growth;
    if (!growth) return null;
    if (this.level !== null && growth.level > this.level) this.since = step;
    this.level = growth.level;
    const alpha = this.since === null || growth.fadeSteps === 0 ? 1 : Math.min(1, (step - this.since + 1) / growth.fadeSteps);
    return { level: growth.level, alpha };
  }

  /** Back to a snapshot's fade: its controls' level, grown at `since`. */
  restore(since: number | null, controls: Controls): void {
    this.since = since;
    this.level = controls.growth?.level ?? null;
  }
}

/** Puts a snapshot's growth state on a model built to grow, so what it shows is what the run saw at that step. */
export function useSavedGrowth(model: RecipeModel, saved: { step: number; controls: Controls; growthSince: number | null }): void {
  if (!model.growth) return;
  const fade = new GrowthFade();
  fade.restore(saved.growthSince, saved.controls);
  // The state the snapshot's next step would train under; a finished fade gives alpha 1.
  const state = fade.stateAt(Math.max(0, saved.step - 1), saved.controls);
  if (state) model.growth.state = state;
}

/**
 * Applies a patch's growth part to `next` (the rest of the patch already merged): a level only
 * rises, one at a time, within the run's levels; rising locks every group of the levels below,
 * except those the patch sets itself (a plan stage may grow and unlock in one go).
 */
export function mergeGrowth(before: Controls, next: Controls, patch: ControlsPatch, levels: readonly GrowthLevel[] | undefined): Controls {
  if (!patch.growth) return next;
  if (!before.growth || !levels) throw new GrowthError('This run was built without growth levels: only a run whose plan names a level in its first stage can grow.');
  const growth = { ...before.growth, ...Object.fromEntries(Object.entries(patch.growth).filter(([, v]) => v !== undefined)) };
  const { level } = growth;
  const was = before.growth.level;
  const words = (l: number) => (levels[l] ? growthLevelWords(levels[l]) : `level ${l}`);
  if (level >= levels.length) throw new GrowthError(`There is no growth level ${level}: the levels are ${levels.map((l, i) => `${i} (${words(i)})`).join(', ')}.`);
  if (level < was) throw new GrowthError(`Growth only goes up: the run is at level ${was} (${words(was)}). Restore a snapshot from before the growth to go back.`);
  if (level > was + 1) throw new GrowthError(`Grow one level at a time: the run is at level ${was} (${words(was)}), so the next is ${was + 1} (${words(was + 1)}).`);
  if (level === was) return { ...next, growth };
  const old = levels.slice(0, level).flatMap((l) => l.groups).filter((g) => patch.locks?.[g] === undefined);
  return { ...next, growth, locks: { ...next.locks, ...Object.fromEntries(old.map((g) => [g, true])) } };
}

/**
 * A stage's patch as it applies to `controls`: a level the run has already reached (the person
 * grew ahead of the plan) is left out, so the stage keeps the run where it is.
 */
export function stagePatch(patch: ControlsPatch, controls: Controls): ControlsPatch {
  const level = patch.growth?.level;
  if (level === undefined || !controls.growth || level > controls.growth.level) return patch;
  const { level: _reached, ...growth } = patch.growth!;
  const { growth: _growth, ...rest } = patch;
  return Object.keys(growth).length > 0 ? { ...rest, growth } : rest;
}
