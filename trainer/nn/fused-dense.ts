/**
 * A dense layer, x·w + b with an optional ReLU, as one fused kernel (_FusedMatMul), and the
 * gradient TF.js does not register for that kernel.
 *
 * Why: unfused, the bias add and the ReLU are each a separate pass over the layer's output
 * and a kernel dispatch, in every layer of every step; XNNPACK adds the bias and clamps inside
 * its product for free. TF.js's own tf.fused.matMul does not fuse while a gradient is being
 * recorded (it falls back to separate ops for any activation), and its gradient multiplies
 * transposed operands, wasm's slow path. So the kernel is run directly, and its gradient is
 * registered here: the ReLU mask from the saved output, the bias gradient as a column sum,
 * and both products through the same untransposed form as matMul's (matmul-gradient.ts).
 * The products stay lazy, so a first layer's input gradient is never computed.
 *
 * Where the fused kernel cannot take plain matrices (wasm with TF.js's stock kernels), the
 * layer runs as matMul + add (+ relu), TF.js's own ops and gradients.
 */
import { kernelPaths } from './kernel-paths.js';
import type * as TF from './tf.js';
import { untransposedProduct } from './matmul-gradient.js';

type Tf = typeof TF;

export type DenseActivation = 'linear' | 'relu';

/** x [rows, inputs] · w [inputs, outputs] + b [outputs], then the activation: [rows, outputs]. */
export function fusedDense(tf: Tf, x: TF.Tensor2D, w: TF.Tensor2D, b: TF.Tensor1D, activation: DenseActivation): TF.Tensor2D {
  if (w.shape[0] !== x.shape[1] || b.shape[0] !== w.shape[1]) {
    throw new Error(`fusedDense: input [${x.shape.join(', ')}], weights [${w.shape.join(', ')}] and bias [${b.shape.join(', ')}] do not fit together`);
  }
  if (!kernelPaths().fusedDense) {
    const out = tf.add(tf.matMul(x, w), b);
    return (activation === 'relu' ? tf.relu(out) : out) as TF.Tensor2D;
  }
  // Plain matrices: the cpu and native kernels take them as they are, and so does ours on wasm
  // (wasm-matmul.ts; the stock one wants [batch, rows, cols]).
  const attrs = { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 };
  return tf.engine().runKernel(tf._FusedMatMul, { a: x, b: w, bias: b }, attrs as unknown as TF.NamedAttrMap) as TF.Tensor2D;
}

/** The gradient of _FusedMatMul as fusedDense runs it (matrices, no transposes, no prelu). */
export function fusedDenseGradient(tf: Tf): TF.GradConfig {
  const product = untransposedProduct(tf);
  return {
    kernelName: tf._FusedMatMul,
    inputsToSave: ['a', 'b'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [a, b, y] = saved as [TF.Tensor2D, TF.Tensor2D, TF.Tensor2D];
      const { transposeA, transposeB, activation } = attrs as unknown as { transposeA: boolean; transposeB: boolean; activation: string };
      if (transposeA || transposeB || a.rank !== 2 || (activation !== 'linear' && activation !== 'relu')) {
        throw new Error(`The _FusedMatMul gradient covers fusedDense's products only, not ${activation} of rank ${a.rank} with transposes ${transposeA}/${transposeB}`);
      }
      // The gradient at the product's output, shared by all three inputs: ReLU passes it where
      // the output is positive (the output is saved, not the input). Computed here, not in a
      // thunk: TF.js runs each input's thunk in its own tidy, which would free a shared one.
      const delta = activation === 'relu' ? tf.mul(dy as TF.Tensor, tf.step(y)) : (dy as TF.Tensor);
      return {
        a: () => product(delta, b, false, true),
        b: () => product(a, delta, true, false),
        bias: () => tf.sum(delta, 0),
      };
    },
  };
}
