/**
 * The audio-to-motion preview: motion sampled from the audio alone for the first validation
 * clips (at most PREVIEW_GRID_CLIPS), beside their ground truth. The clips are generated in
 * one batch with the run's seed, so a preview at any step (and the evaluation worker's copy of
 * the same weights) samples the same way and previews compare across steps.
 */
import * as tf from '../../nn/tf.js';
import { PREVIEW_GRID_CLIPS } from '../../protocol.js';
import type { ClipMotion, MotionPreview } from '../recipe.js';
import type { AudioToMotionModel } from './model.js';

export async function audioToMotionPreview(model: AudioToMotionModel): Promise<MotionPreview> {
  const { motion: windows } = model.data;
  const { motion, audio, count } = model.data.validation;
  const [, frames, features] = motion.shape;
  const clipCount = Math.min(count, PREVIEW_GRID_CLIPS);
  const clipAudio = tf.slice(audio, [0, 0, 0], [clipCount, -1, -1]) as tf.Tensor3D;
  const generated = await model.generate(clipAudio, model.seed);
  const truth = tf.slice(motion, [0, 0, 0], [clipCount, frames, features]);
  const [fake, real] = [(await generated.data()) as Float32Array, (await truth.data()) as Float32Array];
  tf.dispose([clipAudio, generated, truth]);
  const size = frames * features;
  const clips: ClipMotion[] = Array.from({ length: clipCount }, (_, c) => ({
    generated: windows.toPositions(fake.subarray(c * size, (c + 1) * size)),
    truth: windows.toPositions(real.subarray(c * size, (c + 1) * size)),
    frames,
  }));
  const [lead, ...more] = clips as [ClipMotion, ...ClipMotion[]];
  // A normalised zero is the training data's mean feature frame: its positions are the mean pose.
  const meanPose = windows.toPositions(new Float32Array(windows.featureDim));
  return { ...windows.skeleton, ...lead, more, meanPose };
}
