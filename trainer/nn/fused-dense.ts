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
 */
import type * as TF from './tf.js';
import { untransposedProduct } from './matmul-gradient.js';

type Tf = typeof TF;

export type DenseActivation = 'linear' | 'relu';

/** x [rows, inputs] · w [inputs, outputs] + b [outputs], then the activation: [rows, outputs]. */
export function fusedDense(tf: Tf, x: TF.Tensor2D, w: TF.Tensor2D, b: TF.Tensor1D, activation: DenseActivation): TF.Tensor2D {
  const [rows, inputs] = x.shape;
  const outputs = w.shape[1];
  if (w.shape[0] !== inputs || b.shape[0] !== outputs) {
    throw new Error(`fusedDense: input [${x.shape.join(', ')}], weights [${w.shape.join(', ')}] and bias [${b.shape.join(', ')}] do not fit together`);
  }
  // The kernel takes batched (rank 3) operands; a batch of one is the plain product.
  const a = tf.reshape(x, [1, rows, inputs]);
  const weights = tf.reshape(w, [1, inputs, outputs]);
  const attrs = { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 };
  const out = tf.engine().runKernel(tf._FusedMatMul, { a, b: weights, bias: b }, attrs as unknown as TF.NamedAttrMap) as TF.Tensor3D;
  return tf.reshape(out, [rows, outputs]);
}

/** The gradient of _FusedMatMul as fusedDense runs it (batch of one, no transposes, no prelu). */
export function fusedDenseGradient(tf: Tf): TF.GradConfig {
  const product = untransposedProduct(tf);
  return {
    kernelName: tf._FusedMatMul,
    inputsToSave: ['a', 'b'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const [a, b, y] = saved as [TF.Tensor3D, TF.Tensor3D, TF.Tensor3D];
      const { transposeA, transposeB, activation } = attrs as unknown as { transposeA: boolean; transposeB: boolean; activation: string };
      if (transposeA || transposeB || a.shape[0] !== 1 || (activation !== 'linear' && activation !== 'relu')) {
        throw new Error(`The _FusedMatMul gradient covers fusedDense's products only, not ${activation} with transposes ${transposeA}/${transposeB} over a batch of ${a.shape[0]}`);
      }
      const [, rows, inputs] = a.shape;
      const outputs = b.shape[2];
      // The gradient at the product's output, shared by all three inputs: ReLU passes it where
      // the output is positive (the output is saved, not the input). Computed here, not in a
      // thunk: TF.js runs each input's thunk in its own tidy, which would free a shared one.
      const d = tf.reshape(dy as TF.Tensor, [rows, outputs]) as TF.Tensor2D;
      const delta = activation === 'relu' ? tf.mul(d, tf.step(tf.reshape(y, [rows, outputs]))) : d;
      return {
        a: () => tf.reshape(product(delta, tf.reshape(b, [inputs, outputs]), false, true), [1, rows, inputs]),
        b: () => tf.reshape(product(tf.reshape(a, [rows, inputs]), delta, true, false), [1, inputs, outputs]),
        bias: () => tf.sum(delta, 0),
      };
    },
  };
}
