/**
 * Model FLOPs of a training step, counted from layer shapes (not from what a backend happens
 * to run), for the benchmark's model FLOP utilisation. Every layer here is a matMul: a product
 * [rows × inputs]·[inputs × outputs] costs 2·rows·inputs·outputs FLOPs forward. Backprop costs
 * the same again for the weight gradient when the weights train, and again for the input
 * gradient when something before the layer trains (a first layer fed by data needs none).
 * Elementwise work, lookups and reductions are not counted: they are overhead, not model FLOPs.
 */

export interface MatMulLayer {
  /** For the report: which layer this is. */
  name: string;
  rows: number;
  inputs: number;
  outputs: number;
  /** Independent products of this shape (e.g. batch × heads in attention). */
  count?: number;
  /** The second operand is trained weights, or an activation that needs its gradient. */
  rightGrad: boolean;
  /** The first operand (the layer input) needs its gradient: something before it trains. */
  leftGrad: boolean;
}

export interface StepFlops {
  forward: number;
  backward: number;
  total: number;
}

export function layerFlops(layer: MatMulLayer): StepFlops {
  const forward = 2 * layer.rows * layer.inputs * layer.outputs * (layer.count ?? 1);
  const backward = (layer.rightGrad ? forward : 0) + (layer.leftGrad ? forward : 0);
  return { forward, backward, total: forward + backward };
}

export function stepFlops(layers: readonly MatMulLayer[]): StepFlops {
  const sum: StepFlops = { forward: 0, backward: 0, total: 0 };
  for (const layer of layers) {
    const f = layerFlops(layer);
    sum.forward += f.forward;
    sum.backward += f.backward;
    sum.total += f.total;
  }
  return sum;
}

/**
 * A dense layer (or a temporal conv as im2col + matMul) from its weight shape [inputs, outputs]
 * applied to `rows` rows: batch × frames at the rate the layer runs at.
 */
export function denseLayer(name: string, weightShape: readonly number[], rows: number, options: { trained: boolean; inputGrad: boolean }): MatMulLayer {
  if (weightShape.length !== 2) throw new Error(`Layer ${name}: expected a [inputs, outputs] weight, got shape [${weightShape.join(', ')}]`);
  return { name, rows, inputs: weightShape[0] as number, outputs: weightShape[1] as number, rightGrad: options.trained, leftGrad: options.inputGrad };
}
