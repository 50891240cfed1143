/**
 * Motion for any recording, at any sample rate: audio features at the motion frame rate,
 * normalised with the training statistics, generated in windows of the model's context
 * (8 s for tiny) and joined.
 */
import { frameFeatures } from '../../audio/frame-features.js';
import * as tf from '../../nn/tf.js';
import type { GeneratedMotion } from '../recipe.js';
import type { AudioToMotionModel } from './model.js';

export async function motionForAudio(model: AudioToMotionModel, samples: Float32Array, sampleRate: number, seed: number): Promise<GeneratedMotion> {
  const { data, config } = model;
  const fps = data.motion.skeleton.fps;
  const { features, stacked } = frameFeatures(samples, sampleRate, fps);
  // Whole tokens only: the tokenizer works in groups of 4 frames.
  const frames = features.frames - (features.frames % 4);
  if (frames === 0) throw new Error('The recording is shorter than 4 motion frames; nothing to generate.');
  const audioDim = data.audioDim;
  const audio = data.normaliseAudio(stacked(frames));
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
