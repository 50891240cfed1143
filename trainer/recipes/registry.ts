/** Every recipe the trainer knows, by id. A new recipe is one import and one line here. */
import type { RecipeInfo } from '../protocol.js';
import type { Recipe, RecipeModel } from './recipe.js';
import { audioToMotion } from './audio-to-motion/recipe.js';
import { motionAutoencoder } from './motion-autoencoder/recipe.js';

// The showcase first: a run that names no recipe gets it, and the New run form offers it first.
const RECIPES: readonly Recipe<never, never>[] = [audioToMotion, motionAutoencoder].map((r) => r as unknown as Recipe<never, never>);

export class RecipeError extends Error {}

/** The recipe a run gets when none is named: the showcase, first in the list. */
export function showcaseRecipe(): Recipe<unknown, unknown> {
  return RECIPES[0] as unknown as Recipe<unknown, unknown>;
}

export function findRecipe(id: string): Recipe<unknown, unknown> {
  const recipe = RECIPES.find((r) => r.id === id);
  if (!recipe) throw new RecipeError(`Unknown recipe '${id}'; known recipes: ${RECIPES.map((r) => r.id).join(', ')}.`);
  return recipe as unknown as Recipe<unknown, unknown>;
}

/** A preset by name: an own key of the recipe's presets only, never `constructor` or another inherited name. */
export function resolvePreset<C>(recipe: Recipe<C, unknown>, preset: string): C {
  const config = Object.hasOwn(recipe.presets, preset) ? recipe.presets[preset] : undefined;
  if (config === undefined) {
    throw new RecipeError(`Recipe '${recipe.id}' has no preset '${preset}'; choose one of ${Object.keys(recipe.presets).join(', ')}.`);
  }
  return config;
}

/** The model a run trains, built as its record says: recipe, preset, seed, its layer groups, and growth levels if it grows. */
export function buildRunModel(run: { recipe: string; preset: string; seed: number; layerGroups: readonly string[]; growthLevels?: unknown }, data: unknown): RecipeModel {
  const recipe = findRecipe(run.recipe);
  return recipe.build(resolvePreset(recipe, run.preset), data, run.seed, { growth: run.growthLevels !== undefined, layerGroups: run.layerGroups });
}

/** Every recipe as the window needs to know it (hello carries this): the window keeps no list of its own. */
export function recipeCatalog(): RecipeInfo[] {
  return RECIPES.map((r) => ({
    id: r.id,
    title: r.title,
    dataKind: r.dataKind,
    // The default preset is the one that fits a laptop CPU (Recipe.defaultPreset); the larger ones want a GPU.
    presets: Object.keys(r.presets).map((name) => ({ name, cpu: name === r.defaultPreset })),
    defaultPreset: r.defaultPreset,
    layerGroups: [...r.layerGroups],
    metrics: [...r.metrics],
    plans: [r.defaultPlan, ...(r.otherPlans ?? [])],
    ...(r.growthLevels ? { growthLevels: r.growthLevels.map((l) => ({ name: l.name, groups: [...l.groups] })) } : {}),
  }));
}
