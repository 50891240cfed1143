/**
 * A small decoder-only transformer (pre-norm, causal self-attention, ReLU MLP) over token
 * sequences, with a per-position conditioning vector added to the input (the audio, aligned
 * token by token). Sized to train on a laptop CPU in the tiny preset.
 */
import { attention } from './attention-core.js';
import { fusedDense, type DenseActivation } from './fused-dense.js';
import type { ParamStore } from './params.js';
import { dense, type Quantize } from './temporal-conv.js';
import * as tf from './tf.js';

export interface TransformerSettings {
  vocab: number;
  /** Longest sequence (positions) the model sees. */
  context: number;
  width: number;
  heads: number;
  layers: number;
}

interface LayerWeights {
  norm1: { gain: tf.Variable; bias: tf.Variable };
  qkv: { w: tf.Variable; b: tf.Variable };
  out: { w: tf.Variable; b: tf.Variable };
  norm2: { gain: tf.Variable; bias: tf.Variable };
  up: { w: tf.Variable; b: tf.Variable };
  down: { w: tf.Variable; b: tf.Variable };
}

export class Transformer {
  /** Token embeddings; the extra last row is the start token. */
  private readonly embed: tf.Variable;
  private readonly positions: tf.Variable;
  private readonly blocks: LayerWeights[];
  private readonly finalNorm: { gain: tf.Variable; bias: tf.Variable };
  private readonly head: { w: tf.Variable; b: tf.Variable };

  constructor(
    store: ParamStore,
    group: string,
    readonly settings: TransformerSettings,
  ) {
    const { vocab, context, width, layers } = settings;
    this.embed = store.glorot(group, 'embed', [vocab + 1, width], vocab, width);
    this.positions = store.glorot(group, 'positions', [context, width], context, width);
    const norm = (name: string) => ({ gain: store.ones(group, `${name}.gain`, [width]), bias: store.zeros(group, `${name}.bias`, [width]) });
    this.blocks = Array.from({ length: layers }, (_, i) => ({
      norm1: norm(`l${i}.norm1`),
      qkv: dense(store, group, `l${i}.qkv`, width, 3 * width),
      out: dense(store, group, `l${i}.out`, width, width),
      norm2: norm(`l${i}.norm2`),
      up: dense(store, group, `l${i}.up`, width, 4 * width),
      down: dense(store, group, `l${i}.down`, 4 * width, width),
    }));
    this.finalNorm = norm('final_norm');
    this.head = dense(store, group, 'head', width, vocab);
  }

  get startToken(): number {
    return this.settings.vocab;
  }

  /**
   * Logits [batch, length, vocab] for `tokens` [batch, length] (int32; position t sees tokens
   * ≤ t) with `condition` [batch, length, width] added to the input embeddings.
   */
  logits(tokens: tf.Tensor2D, condition: tf.Tensor3D, q: Quantize = (x) => x): tf.Tensor3D {
    const length = tokens.shape[1];
    const { width } = this.settings;
    let h = tf.add(tf.add(this.embedTokens(tokens, q), tf.slice(q(this.positions), [0, 0], [length, width])), condition) as tf.Tensor3D;
    const mask = causalMask(length);
    for (const block of this.blocks) {
      h = tf.add(h, this.attention(layerNorm(h, block.norm1), block, mask, q)) as tf.Tensor3D;
      const up = linear(layerNorm(h, block.norm2), block.up, q, 'relu');
      h = q(tf.add(h, linear(up, block.down, q))) as tf.Tensor3D;
    }
    return linear(layerNorm(h, this.finalNorm), this.head, q) as tf.Tensor3D;
  }

  /**
   * Embedding lookup as one-hot × table: the gradient of tf.gather needs UnsortedSegmentSum,
   * a kernel the wasm backend lacks, while a matMul's gradient is one more matMul.
   */
  private embedTokens(tokens: tf.Tensor2D, q: Quantize): tf.Tensor3D {
    const [batch, length] = tokens.shape;
    const rows = tf.oneHot(tf.reshape(tokens, [batch * length]), this.settings.vocab + 1);
    return tf.reshape(tf.matMul(rows, q(this.embed) as tf.Tensor2D), [batch, length, this.settings.width]);
  }

  private attention(x: tf.Tensor3D, block: LayerWeights, mask: tf.Tensor2D, q: Quantize): tf.Tensor3D {
    const [batch, length, width] = x.shape;
    const { heads } = this.settings;
    const size = width / heads;
    const qkv = linear(x, block.qkv, q);
    // [batch, length, 3·width] → three [batch, heads, length, size]. Sliced first and then
    // transposed in 4-D: wasm's rank-5 transpose is ~300× slower than its rank-4 one.
    const part = (i: number) => tf.transpose(tf.reshape(tf.slice(qkv, [0, 0, i * width], [batch, length, width]), [batch, length, heads, size]), [0, 2, 1, 3]) as tf.Tensor4D;
    // Heads fold into the batch axis: attention() runs each (sample, head) as a 2-D product.
    const groups = (t: tf.Tensor4D) => tf.reshape(t, [batch * heads, length, size]) as tf.Tensor3D;
    const mixed = tf.reshape(attention(groups(part(0)), groups(part(1)), groups(part(2)), mask, 1 / Math.sqrt(size)), [batch, heads, length, size]);
    const merged = tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [batch, length, width]);
    return linear(merged as tf.Tensor3D, block.out, q);
  }
}

/** x·w + b (then the activation) in one fused kernel, over every position at once. */
function linear(x: tf.Tensor3D, layer: { w: tf.Tensor; b: tf.Tensor }, q: Quantize, activation: DenseActivation = 'linear'): tf.Tensor3D {
  const [batch, length, width] = x.shape;
  const out = fusedDense(tf, tf.reshape(x, [batch * length, width]) as tf.Tensor2D, q(layer.w) as tf.Tensor2D, q(layer.b) as tf.Tensor1D, activation);
  return q(tf.reshape(out, [batch, length, layer.w.shape[1] as number])) as tf.Tensor3D;
}

function layerNorm(x: tf.Tensor3D, norm: { gain: tf.Tensor; bias: tf.Tensor }): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), norm.gain), norm.bias) as tf.Tensor3D;
}

/** 0 where a position may look (itself and earlier), a large negative number elsewhere. */
function causalMask(length: number): tf.Tensor2D {
  return tf.tidy(() => tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([length, length]), -1, 0)), -1e9) as tf.Tensor2D);
}
