/**
 * Recipe: a convolutional motion autoencoder on joint-position features. Trains on any BVH
 * dataset folder (the built-in demo speaker included) through the same BVH reader.
 */
import { loadingDataset } from '../../data/dataset-error.js';
import { loadMotionDataset } from '../../data/motion-dataset.js';
import type { Recipe } from '../recipe.js';
import { parseStagePlan } from '../stage-plan-file.js';
import defaultPlan from './default-plan.json' with { type: 'json' };
import { AUTOENCODER_PRESETS, type AutoencoderConfig } from './config.js';
import { AUTOENCODER_GROWTH_LEVELS, MotionAutoencoder } from './model.js';
import { MotionWindows, type MotionDatasetLike } from './windows.js';

export const motionAutoencoder: Recipe<AutoencoderConfig, MotionDatasetLike> = {
  id: 'motion-autoencoder',
  title: 'Motion autoencoder',
  layerGroups: ['encoder', 'decoder', 'discriminator'],
  growthLevels: AUTOENCODER_GROWTH_LEVELS,
  presets: AUTOENCODER_PRESETS,
  defaultPreset: 'tiny',
  // Practice from DeepFaceLab-style training: warp on → off, lock + LRD, then GAN, then fine-tune.
  defaultPlan: parseStagePlan(defaultPlan, 'motion-autoencoder/default-plan.json'),
  metrics: ['loss/recon', 'loss/velocity', 'gan/g_adv', 'val/recon', 'val/joint_error_pct'],
  dataKind: 'motion',
  minClipFrames: (config) => config.windowFrames,
  loadData: async (dir) => loadingDataset(dir, () => loadMotionDataset(dir)),
  build: (config, data, seed, options) => new MotionAutoencoder(config, new MotionWindows(data, config.windowFrames), seed, options?.growth ?? false),
};
