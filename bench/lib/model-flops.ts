/**
 * The audio-to-motion step's model FLOPs, counted from the built model's weight shapes (read
 * from its ParamStore by name, so a renamed or resized layer fails here loudly rather than
 * miscounting) and the frame rate each layer runs at. What is counted:
 *  - tokenizer step: encoder, codebook distances (forward only), decoder, forward + backward;
 *  - generator step: audio encoder and transformer (attention products included, the full
 *    causal square as computed), forward + backward.
 * Not counted, though the step runs them: the token embedding (a lookup, done as a one-hot
 * product because wasm lacks gather's gradient), the frozen tokenizer encoding the generator's
 * target tokens, the EMA codebook update, the optimizer, and all elementwise work.
 */
import { denseLayer, stepFlops, type MatMulLayer, type StepFlops } from '../../trainer/nn/flop-count.js';
import type { AudioToMotionConfig } from '../../trainer/recipes/audio-to-motion/config.js';
import type { AudioToMotionModel } from '../../trainer/recipes/audio-to-motion/model.js';
import type { Phase } from './audio-bench-model.js';

export function stepModelFlops(model: AudioToMotionModel, config: AudioToMotionConfig, batch: number, phase: Phase): StepFlops {
  return stepFlops(phase === 'tokenizer' ? tokenizerLayers(model, config, batch) : generatorLayers(model, config, batch));
}

function weightShape(model: AudioToMotionModel, name: string): number[] {
  const param = model.params.all().find((p) => p.name === name);
  if (!param) throw new Error(`FLOP count: the model has no parameter '${name}'`);
  return param.variable.shape;
}

export function tokenizerLayers(model: AudioToMotionModel, config: AudioToMotionConfig, batch: number): MatMulLayer[] {
  const frames = config.windowFrames;
  const w = (name: string) => weightShape(model, name);
  const trained = (name: string, rows: number, inputGrad = true) => denseLayer(name, w(`${name}.w`), rows, { trained: true, inputGrad });
  const rows = batch * frames;
  return [
    trained('encoder.in', rows, false),
    trained('encoder.down1', rows / 2),
    trained('encoder.down2', rows / 4),
    trained('inter.latent', rows / 4),
    // Nearest code: latents · codebookᵀ, no gradient (argmin).
    { name: 'codebook.distances', rows: rows / 4, inputs: config.codeDim, outputs: config.codes, leftGrad: false, rightGrad: false },
    trained('decoder.in', rows / 4),
    trained('decoder.up1', rows / 4),
    trained('decoder.up2', rows / 2),
    trained('decoder.out', rows),
  ];
}

export function generatorLayers(model: AudioToMotionModel, config: AudioToMotionConfig, batch: number): MatMulLayer[] {
  const frames = config.generatorFrames;
  const length = frames / 4;
  const w = (name: string) => weightShape(model, name);
  const trained = (name: string, rows: number, inputGrad = true) => denseLayer(name, w(`${name}.w`), rows, { trained: true, inputGrad });
  const tokens = batch * length;
  const size = config.modelWidth / config.heads;
  const layers: MatMulLayer[] = [
    trained('audio_encoder.in', batch * frames, false),
    trained('audio_encoder.down1', (batch * frames) / 2),
    trained('audio_encoder.down2', tokens),
    trained('audio_encoder.out', tokens),
  ];
  for (let i = 0; i < config.layers; i++) {
    layers.push(
      trained(`generator.l${i}.qkv`, tokens),
      { name: `generator.l${i}.scores`, rows: length, inputs: size, outputs: length, count: batch * config.heads, leftGrad: true, rightGrad: true },
      { name: `generator.l${i}.mix`, rows: length, inputs: length, outputs: size, count: batch * config.heads, leftGrad: true, rightGrad: true },
      trained(`generator.l${i}.out`, tokens),
      trained(`generator.l${i}.up`, tokens),
      trained(`generator.l${i}.down`, tokens),
    );
  }
  layers.push(trained('generator.head', tokens));
  return layers;
}
