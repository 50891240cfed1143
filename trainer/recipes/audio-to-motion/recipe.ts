/**
 * Recipe: audio to 3D body motion, after Audio2Photoreal — a VQ motion tokenizer and an
 * audio-conditioned token generator, trained on paired WAV + BVH clips (the built-in demo
 * speaker included) through the same readers as user data.
 */
import { loadAudioMotionDataset } from '../../data/audio-motion-dataset.js';
import { loadingDataset } from '../../data/dataset-error.js';
import type { Recipe } from '../recipe.js';
import { parseStagePlan } from '../stage-plan-file.js';
import { AUDIO_TO_MOTION_PRESETS, type AudioToMotionConfig } from './config.js';
import defaultPlan from './default-plan.json' with { type: 'json' };
import growthPlan from './growth-plan.json' with { type: 'json' };
import { AudioToMotionModel } from './model.js';
import { TOKENIZER_GROWTH_LEVELS } from './tokenizer.js';
import { AudioMotionWindows, type AudioMotionDatasetLike } from './windows.js';

export const audioToMotion: Recipe<AudioToMotionConfig, AudioMotionDatasetLike> = {
  id: 'audio-to-motion',
  // What the New run form lists: short enough for its select (the header comment says what it is made of).
  title: 'Audio to motion',
  // 'inter' (the encoder's last layer, into the codebook's space) is DeepFaceLab's intermediate
  // group: re-initialised alone when a pretrained tokenizer meets a new speaker.
  layerGroups: ['encoder', 'inter', 'codebook', 'decoder', 'audio_encoder', 'generator', 'discriminator'],
  // In time, Ganimator's pyramid: the tokenizer learns at a quarter, then half, then the full frame rate.
  growthLevels: TOKENIZER_GROWTH_LEVELS,
  presets: AUDIO_TO_MOTION_PRESETS,
  defaultPreset: 'tiny',
  // Tokenizer first (warp on → off → lock + LRD), then the generator on its tokens, then the
  // generator at a lower rate. No GAN stage: on the decoder it took generator likeness to 0%
  // (FD_g 0.001 → 0.229) on the demo; GAN stays a control a person can turn on, with the
  // automatic snapshot before it and the likeness guard watching.
  defaultPlan: parseStagePlan(defaultPlan, 'audio-to-motion/default-plan.json'),
  // The same stages with the tokenizer grown in time first (DeepFaceLab's growth stages): `npm run bench -- growth` compares the two.
  otherPlans: [parseStagePlan(growthPlan, 'audio-to-motion/growth-plan.json')],
  metrics: [
    'loss/recon', 'loss/velocity', 'loss/acceleration', 'loss/commit', 'loss/tokens', 'gan/g_adv', 'likeness',
    'val/recon', 'val/tokenizer_likeness', 'val/recon_pck', 'val/codebook_usage',
    'val/perplexity', 'val/token_accuracy', 'val/fd_g', 'val/fd_k', 'val/diversity', 'val/generator_likeness',
    ...['recon', 'generated'].flatMap((whose) => ['hf_share', 'hf_ratio', 'jerk', 'jerk_ratio'].map((m) => `smooth/${whose}_${m}`)),
    'smooth/truth_hf_share', 'smooth/truth_jerk',
    ...['align', 'align_shifted', 'align_gain', 'speed_loudness_r'].flatMap((m) => [`beat/${m}`, `beat/truth_${m}`]),
    'beat/align_gain_low', 'beat/align_gain_high',
  ],
  dataKind: 'audio-motion',
  // Tokenizer windows and the generator's whole-clip windows both come from every clip.
  minClipFrames: (config) => Math.max(config.windowFrames, config.generatorFrames),
  loadData: async (dir) => loadingDataset(dir, () => loadAudioMotionDataset(dir)),
  build: (config, data, seed, options) =>
    new AudioToMotionModel(config, new AudioMotionWindows(data, config.windowFrames, config.generatorFrames), seed, {
      growth: options?.growth ?? false,
      inter: options?.layerGroups?.includes('inter') ?? true,
    }),
};
