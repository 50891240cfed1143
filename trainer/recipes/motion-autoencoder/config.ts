/** Sizes of the motion autoencoder; every field says why it exists. */
export interface AutoencoderConfig {
  /** Frames per training window; a multiple of 4 so the two halvings stay whole. */
  windowFrames: number;
  /** Windows per optimizer step. */
  batchSize: number;
  /** Channels of the hidden conv layers: the main capacity knob. */
  width: number;
  /** Channels of the bottleneck at a quarter of the frame rate. */
  latent: number;
  /** Default learning rate, the starting value of the live `learningRate` control. */
  learningRate: number;
  /** Weight of the velocity term: without it reconstructions jitter between frames. */
  velocityWeight: number;
  /** Steps between validation passes (each pass costs about a training step). */
  evalEvery: number;
}

export const AUTOENCODER_PRESETS = {
  /** Fits a laptop CPU on the wasm backend: a step is a few tens of milliseconds. */
  tiny: { windowFrames: 64, batchSize: 16, width: 64, latent: 32, learningRate: 2e-3, velocityWeight: 1, evalEvery: 50 },
  /** For GPU backends. */
  base: { windowFrames: 64, batchSize: 32, width: 256, latent: 64, learningRate: 1e-3, velocityWeight: 1, evalEvery: 200 },
} as const satisfies Record<string, AutoencoderConfig>;
