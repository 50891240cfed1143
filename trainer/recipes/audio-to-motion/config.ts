/** Sizes and settings of the audio-to-motion recipe; every field says why it exists. */
export interface AudioToMotionConfig {
  /** Frames per tokenizer training window; a multiple of 4 (two halvings). */
  windowFrames: number;
  /** Frames per generator training window: whole 8-s clips, so generation sees full context. */
  generatorFrames: number;
  /** Windows per optimizer step. */
  batchSize: number;
  /** Channels of the tokenizer's convolutions. */
  width: number;
  /** Codebook size: the motion vocabulary. */
  codes: number;
  /** Dimension of a code (the latent at a quarter of the frame rate). */
  codeDim: number;
  /** Commitment loss weight (β in the VQ-VAE paper). */
  commitment: number;
  /** Weight of the velocity term in the tokenizer loss. */
  velocityWeight: number;
  /**
   * Weight of the acceleration term (second difference of the decoded motion against the
   * data's): it is what a frame-to-frame wobble costs, which position and velocity errors of a
   * few millimetres barely register.
   */
  accelerationWeight: number;
  /**
   * Sigma, in frames, of the fixed low-pass on the decoder's output wherever motion is shown,
   * scored or exported (nn/low-pass.ts); 0 shows the raw decoder output. Not applied in training.
   */
  outputSmoothing: number;
  /** Transformer width, heads and depth. */
  modelWidth: number;
  heads: number;
  layers: number;
  /** Label smoothing of the token cross-entropy (Audio2Photoreal uses 0.1). */
  labelSmoothing: number;
  /** Share of samples trained without audio, so classifier-free guidance has an unconditional model. */
  conditionDropout: number;
  /**
   * Sampling: nucleus mass and classifier-free guidance scale. Guidance above 1 sharpens the
   * audio's pull (better BeatAlign) but moves the pose distribution away from the data (worse
   * FD_g): on the demo, tiny at 3600 generator steps, FD_g 0.0012 at 1 vs 0.0030 at 2.
   * The nucleus cuts the unlikely tokens, which are the ones that join badly with their
   * neighbours: on the demo, tiny, the same trained generator sampled at top-p 0.9 / 0.7 / 0.5
   * gave generated wobble (velocity power > 4 Hz) 0.31 / 0.16 / 0.10% (truth 0.21), jerk 2.2 /
   * 1.5 / 1.4× the truth's, FD_g 0.0017 / 0.0015 / 0.0019, with the same diversity.
   */
  topP: number;
  guidance: number;
  learningRate: number;
  /** Steps between validation passes (generation is the expensive part). */
  evalEvery: number;
}

export const AUDIO_TO_MOTION_PRESETS = {
  /** Laptop CPU on the wasm backend: a step of batch 16 × 64 frames well under a second. */
  tiny: {
    windowFrames: 64, generatorFrames: 240, batchSize: 16, width: 64, codes: 256, codeDim: 32, commitment: 0.25, velocityWeight: 1, accelerationWeight: 2, outputSmoothing: 1.5,
    modelWidth: 64, heads: 4, layers: 2, labelSmoothing: 0.1, conditionDropout: 0.2, topP: 0.7, guidance: 1, learningRate: 2e-3, evalEvery: 250,
  },
  /** GPU backends. */
  base: {
    windowFrames: 64, generatorFrames: 240, batchSize: 32, width: 256, codes: 512, codeDim: 64, commitment: 0.25, velocityWeight: 1, accelerationWeight: 2, outputSmoothing: 1.5,
    modelWidth: 256, heads: 8, layers: 6, labelSmoothing: 0.1, conditionDropout: 0.2, topP: 0.9, guidance: 2, learningRate: 5e-4, evalEvery: 500,
  },
  large: {
    windowFrames: 64, generatorFrames: 240, batchSize: 64, width: 512, codes: 1024, codeDim: 128, commitment: 0.25, velocityWeight: 1, accelerationWeight: 2, outputSmoothing: 1.5,
    modelWidth: 512, heads: 8, layers: 12, labelSmoothing: 0.1, conditionDropout: 0.2, topP: 0.9, guidance: 2, learningRate: 3e-4, evalEvery: 1000,
  },
} as const satisfies Record<string, AudioToMotionConfig>;
