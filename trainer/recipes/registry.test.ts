import { describe, expect, it } from 'vitest';
import { RecipeInfo, TrainerEvent } from '../protocol.js';
import { audioToMotion } from './audio-to-motion/recipe.js';
import { recipeCatalog, showcaseRecipe } from './registry.js';

describe('the recipe catalog hello carries', () => {
  it('lists every recipe, the showcase first, with its presets, layer groups and metrics as the trainer knows them', () => {
    const catalog = recipeCatalog();
    expect(catalog.map((r) => r.id)).toEqual(['audio-to-motion', 'motion-autoencoder']);
    expect(showcaseRecipe().id).toBe(catalog[0]!.id);
    const audio = catalog[0]!;
    expect(audio).toMatchObject({ title: audioToMotion.title, dataKind: 'audio-motion', defaultPreset: 'tiny', layerGroups: [...audioToMotion.layerGroups], metrics: [...audioToMotion.metrics] });
    // Only the default preset is meant for a laptop CPU.
    expect(audio.presets).toEqual([{ name: 'tiny', cpu: true }, { name: 'base', cpu: false }, { name: 'large', cpu: false }]);
    for (const recipe of catalog) expect(RecipeInfo.safeParse(recipe).success).toBe(true);
    expect(TrainerEvent.safeParse({ type: 'hello', protocolVersion: 4, trainerVersion: '0', pid: 1, recipes: catalog }).success).toBe(true);
  });
});
