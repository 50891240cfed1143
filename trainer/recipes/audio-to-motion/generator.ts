/**
 * The audio-conditioned token generator: an audio encoder [audio_encoder] brings audio
 * features down to the token rate, and a causal transformer [generator] predicts each motion
 * token from the earlier ones plus the audio at that moment. Trained with label-smoothed
 * cross-entropy and conditioning dropout; sampled with top-p and classifier-free guidance.
 */
import type { Rng } from '../../nn/rng.js';
import { runConvs, type ConvStep } from '../../nn/conv-stack.js';
import type { ParamStore } from '../../nn/params.js';
import { dense } from '../../nn/temporal-conv.js';
import * as tf from '../../nn/tf.js';
import { Transformer } from '../../nn/transformer.js';
import type { StepContext } from '../recipe.js';
import type { AudioToMotionConfig } from './config.js';

export class TokenGenerator {
  readonly transformer: Transformer;
  private readonly audioConvs: ConvStep[];
  /** Stands in for the audio when it is dropped (training) or for the unconditional pass (guidance). */
  private readonly nullCondition: tf.Variable;

  constructor(store: ParamStore, private readonly config: AudioToMotionConfig, audioDim: number) {
    const { modelWidth } = config;
    this.audioConvs = [
      { layer: dense(store, 'audio_encoder', 'in', 3 * audioDim, modelWidth), kind: 'same', relu: true },
      { layer: dense(store, 'audio_encoder', 'down1', 4 * modelWidth, modelWidth), kind: 'down', relu: true },
      { layer: dense(store, 'audio_encoder', 'down2', 4 * modelWidth, modelWidth), kind: 'down', relu: true },
      { layer: dense(store, 'audio_encoder', 'out', 3 * modelWidth, modelWidth), kind: 'same', relu: false },
    ];
    this.nullCondition = store.zeros('generator', 'null_condition', [modelWidth]);
    this.transformer = new Transformer(store, 'generator', {
      vocab: config.codes,
      context: config.generatorFrames / 4,
      width: modelWidth,
      heads: config.heads,
      layers: config.layers,
    });
  }

  /** Audio [batch, frames, audioDim] → conditioning [batch, frames/4, width]. */
  condition(audio: tf.Tensor3D, ctx: StepContext): tf.Tensor3D {
    return runConvs(this.audioConvs, audio, ctx);
  }

  /**
   * Cross-entropy of predicting `tokens` [batch, length] from the audio; `keepAudio` [batch]
   * is 1 where the sample keeps its audio and 0 where it trains unconditionally.
   */
  losses(tokens: tf.Tensor2D, audio: tf.Tensor3D, keepAudio: tf.Tensor1D, ctx: StepContext) {
    const [batch, length] = tokens.shape;
    const keep = tf.reshape(keepAudio, [batch, 1, 1]);
    const condition = tf.add(tf.mul(this.condition(audio, ctx), keep), tf.mul(this.nullCondition, tf.sub(1, keep))) as tf.Tensor3D;
    const logits = this.transformer.logits(shiftRight(tokens, this.transformer.startToken), condition, ctx.quantize);
    const logProbs = tf.logSoftmax(logits);
    const targets = tf.oneHot(tf.reshape(tokens, [batch * length]), this.config.codes);
    const flat = tf.reshape(logProbs, [batch * length, this.config.codes]);
    const nll = tf.neg(tf.sum(tf.mul(flat, targets), 1));
    const smooth = tf.neg(tf.mean(flat, 1));
    const eps = this.config.labelSmoothing;
    const loss = tf.mean(tf.add(tf.mul(nll, 1 - eps), tf.mul(smooth, eps))) as tf.Scalar;
    return { loss, nll: tf.mean(nll) as tf.Scalar, logits };
  }

  /** Tokens [batch, frames/4] for audio [batch, frames, audioDim], one token at a time. */
  async sample(audio: tf.Tensor3D, rng: Rng, ctx: StepContext): Promise<Int32Array> {
    const [batch, frames] = audio.shape;
    const length = frames / 4;
    const { guidance, topP, codes } = this.config;
    const condition = tf.tidy(() => this.condition(audio, ctx));
    const unconditional = tf.tidy(() => tf.broadcastTo(this.nullCondition, condition.shape) as tf.Tensor3D);
    const tokens = new Int32Array(batch * length);
    try {
      for (let t = 0; t < length; t++) {
        const probs = tf.tidy(() => {
          const prefix = tf.tensor2d(prefixOf(tokens, batch, length, t, this.transformer.startToken), [batch, t + 1], 'int32');
          const last = (c: tf.Tensor3D) => {
            const logits = this.transformer.logits(prefix, tf.slice(c, [0, 0, 0], [batch, t + 1, -1]) as tf.Tensor3D, ctx.quantize);
            return tf.reshape(tf.slice(logits, [0, t, 0], [batch, 1, codes]), [batch, codes]);
          };
          const cond = last(condition);
          // At guidance 1 the unconditional logits cancel out: skip that pass.
          if (guidance === 1) return tf.softmax(cond);
          const uncond = last(unconditional);
          return tf.softmax(tf.add(uncond, tf.mul(tf.sub(cond, uncond), guidance)));
        });
        const p = await probs.data();
        probs.dispose();
        for (let b = 0; b < batch; b++) tokens[b * length + t] = nucleusSample(p.subarray(b * codes, (b + 1) * codes) as Float32Array, topP, rng);
      }
    } finally {
      tf.dispose([condition, unconditional]);
    }
    return tokens;
  }
}

/** [start, t0, …, t(n-2)]: position i predicts token i from the tokens before it. */
function shiftRight(tokens: tf.Tensor2D, start: number): tf.Tensor2D {
  const [batch, length] = tokens.shape;
  return tf.concat([tf.fill([batch, 1], start, 'int32'), tf.slice(tokens, [0, 0], [batch, length - 1])], 1) as tf.Tensor2D;
}

function prefixOf(tokens: Int32Array, batch: number, length: number, t: number, start: number): Int32Array {
  const out = new Int32Array(batch * (t + 1));
  for (let b = 0; b < batch; b++) {
    out[b * (t + 1)] = start;
    out.set(tokens.subarray(b * length, b * length + t), b * (t + 1) + 1);
  }
  return out;
}

/** Top-p (nucleus) sampling: draw from the smallest set of tokens holding `topP` of the mass. */
export function nucleusSample(probs: Float32Array, topP: number, rng: Rng): number {
  const order = Array.from(probs.keys()).sort((a, b) => (probs[b] as number) - (probs[a] as number));
  let mass = 0;
  let cut = order.length;
  for (let i = 0; i < order.length; i++) {
    mass += probs[order[i] as number] as number;
    if (mass >= topP) {
      cut = i + 1;
      break;
    }
  }
  let r = rng.next() * Math.min(mass, 1);
  for (let i = 0; i < cut; i++) {
    r -= probs[order[i] as number] as number;
    if (r <= 0) return order[i] as number;
  }
  return order[cut - 1] as number;
}
