/**
 * Validation metrics of the audio-to-motion model, on the fixed validation clips:
 *  - tokenizer: PCK likeness (joints within 5% of body height), reconstruction loss, codebook use;
 *  - generator, teacher-forced: perplexity and token accuracy;
 *  - generator, sampled from the audio alone: FD_g, FD_k (Audio2Photoreal), a likeness score
 *    from FD_g against a mean-pose baseline (0% = no better than standing still), diversity,
 *    and BeatAlign (EMAGE's convention: averaged over audio onsets, σ = 0.3 s).
 * 'likeness' (the chart's line) is the generator's once it has trained, the tokenizer's before.
 */
import { beatAlignScore } from '../../metrics/beat-align.js';
import { diversity } from '../../metrics/diversity.js';
import { fdG, fdK, likenessFromFd, meanPoseBaseline } from '../../metrics/motion-fd.js';
import { pck } from '../../metrics/pck.js';
import { perplexity, tokenAccuracy } from '../../metrics/token-metrics.js';
import { smoothL1 } from '../../nn/losses.js';
import * as tf from '../../nn/tf.js';
import { VectorQuantizer } from '../../nn/vector-quantizer.js';
import { EXACT_CONTEXT } from '../recipe.js';
import type { AudioToMotionModel } from './model.js';

/** Same seed every evaluation: sampled metrics move because the model did, not the dice. */
const SAMPLING_SEED = 1234;

/**
 * Samples generated per validation clip for the sampled metrics. With one, FD_g swung by up to
 * 2× between evaluations 250 steps apart (0.0011-0.0026 on the demo, tiny preset) while the
 * model barely changed: a handful of clips is a noisy sample of what the generator does.
 */
export const SAMPLES_PER_CLIP = 4;

export async function evaluateAudioToMotion(model: AudioToMotionModel): Promise<Record<string, number>> {
  const tokenizer = await tokenizerMetrics(model);
  const generator = await generatorMetrics(model);
  return { likeness: tokenizer['val/tokenizer_likeness'] as number, ...tokenizer, ...generator };
}

async function tokenizerMetrics(model: AudioToMotionModel): Promise<Record<string, number>> {
  const { tokenizer, data } = model;
  const windows = data.motion.validationWindows;
  const [recon, output, indices] = tf.tidy(() => {
    const latents = tokenizer.encode(windows, EXACT_CONTEXT);
    const [batch, length, dim] = latents.shape;
    const flat = tf.reshape(latents, [batch * length, dim]) as tf.Tensor2D;
    const codes = tokenizer.quantizer.indices(flat);
    const decoded = tokenizer.decode(tf.reshape(tokenizer.quantizer.lookup(codes), [batch, length, dim]) as tf.Tensor3D, EXACT_CONTEXT);
    return [smoothL1(decoded, windows), decoded, codes];
  });
  const [batch, frames, features] = windows.shape;
  const clipsOf = (values: Float32Array) => Array.from({ length: batch }, (_, b) => data.motion.toPositions(values.subarray(b * frames * features, (b + 1) * frames * features)));
  const joints = data.motion.positionDims / 3;
  const likeness = 100 * pck(clipsOf((await output.data()) as Float32Array), clipsOf((await windows.data()) as Float32Array), joints);
  const usage = VectorQuantizer.usage((await indices.data()) as Int32Array, model.config.codes);
  const values = { 'val/recon': (await recon.data())[0] ?? NaN, 'val/tokenizer_likeness': likeness, 'val/codebook_usage': usage };
  tf.dispose([recon, output, indices]);
  return values;
}

async function generatorMetrics(model: AudioToMotionModel): Promise<Record<string, number>> {
  const { tokenizer, generator, data } = model;
  const { motion, audio, onsets, count } = data.validation;
  // Teacher-forced: how well the generator predicts the true next token from the audio.
  const tokens = tokenizer.tokens(motion, EXACT_CONTEXT);
  const forced = tf.tidy(() => {
    const { nll, logits } = generator.losses(tokens, audio, tf.ones([count]) as tf.Tensor1D, EXACT_CONTEXT);
    return [nll, tf.argMax(logits, -1)];
  });
  const [nll, predicted] = forced as [tf.Scalar, tf.Tensor];
  const accuracy = tokenAccuracy((await predicted.data()) as Int32Array, (await tokens.data()) as Int32Array);
  const crossEntropy = (await nll.data())[0] ?? NaN;
  tf.dispose([tokens, nll, predicted]);

  // Sampled from the audio alone, decoded through the tokenizer's decoder: SAMPLES_PER_CLIP
  // samples of every clip in one batch (clip i's samples at i, i + count, i + 2·count, …).
  const repeated = tf.tile(audio, [SAMPLES_PER_CLIP, 1, 1]) as tf.Tensor3D;
  const generated = await model.generate(repeated, SAMPLING_SEED);
  repeated.dispose();
  const [, frames, features] = motion.shape;
  const clips = async (t: tf.Tensor) => {
    const values = (await t.data()) as Float32Array;
    return Array.from({ length: t.shape[0] as number }, (_, b) => data.motion.toPositions(values.subarray(b * frames * features, (b + 1) * frames * features)));
  };
  const fake = await clips(generated);
  const real = await clips(motion);
  generated.dispose();
  const joints = data.motion.positionDims / 3;
  const fps = data.motion.skeleton.fps;
  const fdGen = fdG(fake, real, joints);
  const generatorLikeness = likenessFromFd(fdGen, fdG(meanPoseBaseline(real, joints), real, joints));
  const beats = fake.map((clip, i) => beatAlignScore(clip, joints, fps, onsets[i % count] ?? [], BEAT_ALIGN));
  return {
    'val/perplexity': perplexity(crossEntropy),
    'val/token_accuracy': accuracy,
    'val/fd_g': fdGen,
    'val/fd_k': fdK(fake, real, joints),
    // Across clips, as before: one sample of each (samples of one clip are alike by design).
    'val/diversity': diversity(fake.slice(0, count), joints),
    'val/beat_align': beats.reduce((a, b) => a + b, 0) / Math.max(1, beats.length),
    'val/generator_likeness': generatorLikeness,
    ...(model.generatorTrained ? { likeness: generatorLikeness } : {}),
  };
}

/** EMAGE's BeatAlign convention, used for every score Stagecraft reports. */
export const BEAT_ALIGN = { direction: 'audio-to-motion', sigma: 0.3 } as const;
