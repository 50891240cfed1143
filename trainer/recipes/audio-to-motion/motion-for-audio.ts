/**
 * Motion for any recording: audio features at the motion frame rate, normalised with the
 * training statistics, generated in windows of the model's context (8 s for tiny) and joined.
 */
import { audioFeatures } from '../../audio/features.js';
import * as tf from '../../nn/tf.js';
import type { GeneratedMotion } from '../recipe.js';
import type { AudioToMotionModel } from './model.js';

export async function motionForAudio(model: AudioToMotionModel, samples16k: Float32Array, seed: number): Promise<GeneratedMotion> {
  const { data, config } = model;
  const fps = data.motion.skeleton.fps;
  const features = audioFeatures(samples16k, fps);
  // Whole tokens only: the tokenizer works in groups of 4 frames.
  const frames = features.frames - (features.frames % 4);
  if (frames === 0) throw new Error('The recording is shorter than 4 motion frames; nothing to generate.');
  const audioDim = data.audioDim;
  const raw = new Float32Array(frames * audioDim);
  for (let f = 0; f < frames; f++) {
    raw.set(features.logMel.subarray(f * features.melBins, (f + 1) * features.melBins), f * audioDim);
    raw[f * audioDim + features.melBins] = features.energy[f] as number;
    raw[f * audioDim + features.melBins + 1] = features.onset[f] as number;
  }
  const audio = data.normaliseAudio(raw);
  const joints = data.motion.positionDims / 3;
  const positions = new Float32Array(frames * joints * 3);
  for (let start = 0, window = 0; start < frames; start += config.generatorFrames, window++) {
    const length = Math.min(config.generatorFrames, frames - start);
    const chunk = tf.tensor3d(audio.subarray(start * audioDim, (start + length) * audioDim), [1, length, audioDim]);
    const motion = await model.generate(chunk, seed + window);
    positions.set(data.motion.toPositions(await motion.data()), start * joints * 3);
    tf.dispose([chunk, motion]);
  }
  return { positions, frames, fps };
}
