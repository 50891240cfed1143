/**
 * Validation metrics of the audio-to-motion model, on the fixed validation clips:
 *  - tokenizer: likeness of its reconstructions (pose-likeness.ts: 0% = the mean pose, 100% =
 *    the ground truth), PCK, reconstruction loss, codebook use, and smoothness of whole clips;
 *  - generator, teacher-forced: perplexity and token accuracy;
 *  - generator, sampled from the audio alone: FD_g, FD_k (Audio2Photoreal), a likeness from
 *    FD_g against the mean pose (same calibration), diversity, smoothness, and beat sync with
 *    its shifted-audio control and the speed-loudness correlation (beat-sync.ts).
 * Every smoothness and beat number comes with the ground truth's, measured here on the same
 * clips: a score means something only beside what the data itself scores.
 * 'likeness' is the headline (protocol/likeness.ts): a copy of the generator's series once it
 * has trained, the tokenizer's before.
 */
import { MEL_BINS } from '../../audio/frame-features.js';
import { clipBeatSync, meanWithInterval, speedLoudnessCorrelation } from '../../metrics/beat-sync.js';
import { diversity } from '../../metrics/diversity.js';
import { fdG, fdK, likenessFromFd, meanPoseBaseline } from '../../metrics/motion-fd.js';
import { pck } from '../../metrics/pck.js';
import { poseLikeness } from '../../metrics/pose-likeness.js';
import { highFrequencyShare, meanJerk } from '../../metrics/smoothness.js';
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
  const truth = await truthOf(model);
  const tokenizer = await tokenizerMetrics(model, truth);
  const generator = await generatorMetrics(model, truth);
  return { likeness: tokenizer['val/tokenizer_likeness'] as number, ...tokenizer, ...generator, ...truth.metrics };
}

/** The validation clips never change during a run: their positions and scores are worked out at the first evaluation only. */
const truthCache = new WeakMap<AudioToMotionModel['data'], Promise<TruthClips & { metrics: Record<string, number> }>>();

function truthOf(model: AudioToMotionModel): Promise<TruthClips & { metrics: Record<string, number> }> {
  let truth = truthCache.get(model.data);
  if (!truth) {
    truth = truthClips(model).then((clips) => ({ ...clips, metrics: truthMetrics(clips) }));
    truthCache.set(model.data, truth);
  }
  return truth;
}

/** The validation clips as joint positions, with each clip's audio onsets and loudness per frame (the audio features' log energy). */
export interface TruthClips {
  clips: Float32Array[];
  /** The clips' share of velocity power above 4 Hz and mean jerk: what each model number is divided by. */
  hfShare: number;
  jerk: number;
  onsets: number[][];
  loudness: Float32Array[];
  joints: number;
  fps: number;
}

async function truthClips(model: AudioToMotionModel): Promise<TruthClips> {
  const { data } = model;
  const { motion, audio, onsets, count } = data.validation;
  const clips = await positionsOf(model, motion);
  const [, frames, audioDim] = audio.shape;
  const values = (await audio.data()) as Float32Array;
  // Normalised log energy: an affine map of the raw one, which a correlation does not see.
  const loudness = Array.from({ length: count }, (_, c) => Float32Array.from({ length: frames }, (_, f) => values[(c * frames + f) * audioDim + MEL_BINS]!));
  const joints = data.motion.positionDims / 3;
  const fps = data.motion.skeleton.fps;
  return { clips, onsets, loudness, joints, fps, hfShare: highFrequencyShare(clips, joints, fps), jerk: meanJerk(clips, joints, fps) };
}

/** Joint positions of each clip of a [clips, frames, features] motion tensor. */
async function positionsOf(model: AudioToMotionModel, motion: tf.Tensor): Promise<Float32Array[]> {
  const [clips, frames, features] = motion.shape as [number, number, number];
  const values = (await motion.data()) as Float32Array;
  return Array.from({ length: clips }, (_, b) => model.data.motion.toPositions(values.subarray(b * frames * features, (b + 1) * frames * features)));
}

/** The ground truth's own smoothness and beat sync: the reference every model number is read against. */
function truthMetrics(truth: TruthClips): Record<string, number> {
  const beat = beatSync(truth.clips, truth);
  return {
    'smooth/truth_hf_share': 100 * truth.hfShare,
    'smooth/truth_jerk': truth.jerk,
    'beat/truth_align': beat.aligned,
    'beat/truth_align_shifted': beat.shifted,
    'beat/truth_align_gain': beat.gain,
    'beat/truth_speed_loudness_r': beat.speedLoudness,
  };
}

/** Smoothness of `clips` (percent of velocity power above 4 Hz, mean jerk) and each as a ratio to the truth's. */
function smoothness(prefix: string, clips: readonly Float32Array[], truth: TruthClips): Record<string, number> {
  const { joints, fps } = truth;
  const share = highFrequencyShare(clips, joints, fps);
  const jerk = meanJerk(clips, joints, fps);
  return {
    [`smooth/${prefix}_hf_share`]: 100 * share,
    [`smooth/${prefix}_hf_ratio`]: share / truth.hfShare,
    [`smooth/${prefix}_jerk`]: jerk,
    [`smooth/${prefix}_jerk_ratio`]: jerk / truth.jerk,
  };
}

/**
 * Beat sync of `clips`, clip i scored against validation clip (i mod count)'s audio: the mean
 * aligned and shifted-control scores, and the gain (aligned − shifted) with a 95% interval over
 * the validation clips (a clip's samples averaged first: they are not independent draws).
 */
export function beatSync(clips: readonly Float32Array[], truth: Pick<TruthClips, 'clips' | 'onsets' | 'loudness' | 'joints' | 'fps'>) {
  const count = truth.clips.length;
  const scores = clips.map((clip, i) => clipBeatSync(clip, truth.joints, truth.fps, truth.onsets[i % count] ?? []));
  const correlations = clips.map((clip, i) => speedLoudnessCorrelation(clip, truth.joints, truth.fps, truth.loudness[i % count]!));
  const perClip = Array.from({ length: count }, (_, c) => meanOf(scores.filter((_, i) => i % count === c).map((s) => s.aligned - s.shifted)));
  const gain = meanWithInterval(perClip);
  return { aligned: meanOf(scores.map((s) => s.aligned)), shifted: meanOf(scores.map((s) => s.shifted)), gain: gain.mean, gainLow: gain.low, gainHigh: gain.high, speedLoudness: meanOf(correlations.filter(Number.isFinite)) };
}

const meanOf = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

async function tokenizerMetrics(model: AudioToMotionModel, truth: TruthClips): Promise<Record<string, number>> {
  const { tokenizer, data } = model;
  const windows = data.motion.validationWindows;
  const [recon, output, indices, wholeClips] = tf.tidy(() => {
    const reconstruct = (motion: tf.Tensor3D) => {
      const latents = tokenizer.encode(motion, EXACT_CONTEXT);
      const [batch, length, dim] = latents.shape;
      const flat = tf.reshape(latents, [batch * length, dim]) as tf.Tensor2D;
      const codes = tokenizer.quantizer.indices(flat);
      return { decoded: tokenizer.decode(tf.reshape(tokenizer.quantizer.lookup(codes), [batch, length, dim]) as tf.Tensor3D, EXACT_CONTEXT), codes };
    };
    const { decoded, codes } = reconstruct(windows);
    // The loss on the raw output, comparable with the training loss; everything else on the
    // motion as it is shown. Whole validation clips too: smoothness needs seconds of motion.
    // val/recon is at the tokenizer's level (what it trains on); what is shown, at full rate.
    return [smoothL1(decoded, tokenizer.atLevel(windows)), tokenizer.shown(decoded), codes, tokenizer.shown(reconstruct(data.validation.motion).decoded)];
  });
  const reconstructed = await positionsOf(model, output);
  const real = await positionsOf(model, windows);
  const joints = data.motion.positionDims / 3;
  const usage = VectorQuantizer.usage((await indices.data()) as Int32Array, model.config.codes);
  const values = {
    'val/recon': (await recon.data())[0] ?? NaN,
    'val/tokenizer_likeness': poseLikeness(reconstructed, real, joints),
    'val/recon_pck': 100 * pck(reconstructed, real, joints),
    'val/codebook_usage': usage,
    ...smoothness('recon', await positionsOf(model, wholeClips), truth),
  };
  tf.dispose([recon, output, indices, wholeClips]);
  return values;
}

async function generatorMetrics(model: AudioToMotionModel, truth: TruthClips): Promise<Record<string, number>> {
  const { tokenizer, generator, data } = model;
  const { motion, audio, count } = data.validation;
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
  const fake = await positionsOf(model, generated);
  generated.dispose();
  const { clips: real, joints } = truth;
  const fdGen = fdG(fake, real, joints);
  const generatorLikeness = likenessFromFd(fdGen, fdG(meanPoseBaseline(real, joints), real, joints));
  const beat = beatSync(fake, truth);
  return {
    'val/perplexity': perplexity(crossEntropy),
    'val/token_accuracy': accuracy,
    'val/fd_g': fdGen,
    'val/fd_k': fdK(fake, real, joints),
    // Across clips, as before: one sample of each (samples of one clip are alike by design).
    'val/diversity': diversity(fake.slice(0, count), joints),
    'val/generator_likeness': generatorLikeness,
    ...smoothness('generated', fake, truth),
    'beat/align': beat.aligned,
    'beat/align_shifted': beat.shifted,
    'beat/align_gain': beat.gain,
    'beat/align_gain_low': beat.gainLow,
    'beat/align_gain_high': beat.gainHigh,
    'beat/speed_loudness_r': beat.speedLoudness,
    ...(model.generatorTrained ? { likeness: generatorLikeness } : {}),
  };
}
