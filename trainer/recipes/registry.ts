/** Every recipe the trainer knows, by id. A new recipe is one import and one line here. */
import type { Recipe } from './recipe.js';
import { audioToMotion } from './audio-to-motion/recipe.js';
import { motionAutoencoder } from './motion-autoencoder/recipe.js';

const RECIPES: readonly Recipe<never, never>[] = [audioToMotion, motionAutoencoder].map((r) => r as unknown as Recipe<never, never>);

export class RecipeError extends Error {}

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
