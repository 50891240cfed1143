/**
 * On wasm, a float32 sum over a tensor's leading axes (a bias gradient: [rows, cols] → [cols])
 * runs as SIMD column sums on the heap (column-sums.wat), four columns per instruction.
 *
 * Why: the stock Sum reduces only innermost axes, so it first transposes the input to bring the
 * summed axes last, then adds each column's values one at a time: ~1.5-2.5 ns a value, ~0.1 ms
 * for each tokenizer layer's [1024, 64] bias gradient. Column sums read the input once, in
 * order, and add each column's values in the same order from 0, so the sums are the stock
 * kernel's, bit for bit.
 *
 * Where SIMD cannot run (or for other dtypes, or fewer than 4 columns), the stock kernel does
 * the sum; a row count that is a multiple of 512 is then handed to it as a sum over the first
 * two axes of a [2, rows/2, cols] view: the stock kernel calls its transpose directly, not
 * through the kernel registry, so the aliasing fix in wasm-transpose.ts does not reach it, and
 * for [1024, 64] that transpose aliases in the cache (0.34 ms against 0.09 ms for [960, 64]).
 * In the 3-D view it permutes [2, 0, 1], which writes in order, with the same result.
 */
import { COLUMN_SUMS_WASM_BASE64 } from './column-sums-binary.js';
import * as tf from './tf.js';
import { offsetOf, replaceWasmKernel, type WasmBackend } from './wasm-kernel-override.js';
import { simdModuleOn } from './wasm-simd-module.js';
import { ALIASING_ROWS } from './wasm-transpose.js';

interface ColumnSumsExports {
  columnSums(src: number, rows: number, cols: number, dst: number): void;
}

/** Installs the leading-axes Sum (once; the wasm backend must be loaded). */
export function installLeadingAxesSum(): void {
  replaceWasmKernel(tf.Sum, (args, stock) => {
    const x = args.inputs.x as tf.TensorInfo;
    const axes = tf.util.parseAxisParam(args.attrs.axis as number | number[], x.shape);
    // Axes given in order only: the stock kernel sums [1, 0] in transposed order, and the
    // result must not depend on which route ran.
    const leading = axes.length > 0 && axes.length < x.shape.length && axes.every((axis, i) => axis === i);
    if (!leading) return stock(args);
    const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
    const cols = tf.util.sizeFromShape(x.shape.slice(axes.length));
    const keepDims = args.attrs.keepDims as boolean;
    const outShape = keepDims ? x.shape.map((size, axis) => (axis < axes.length ? 1 : size)) : x.shape.slice(axes.length);
    const simd = simdModuleOn<ColumnSumsExports>(COLUMN_SUMS_WASM_BASE64, args.backend.wasm.asm?.memory);
    if (simd && x.dtype === 'float32' && rows > 0 && cols >= 4) return columnSums(simd, args.backend, x, rows, cols, outShape);
    if (rows % ALIASING_ROWS !== 0) return stock(args);
    const view = { ...x, shape: [2, rows / 2, cols] };
    const out = stock({ ...args, inputs: { x: view }, attrs: { axis: [0, 1], keepDims: false } }) as tf.TensorInfo;
    return { ...out, shape: outShape };
  });
}

function columnSums(simd: ColumnSumsExports, backend: WasmBackend, x: tf.TensorInfo, rows: number, cols: number, outShape: number[]): tf.TensorInfo {
  const out = backend.makeOutput(outShape, 'float32');
  simd.columnSums(offsetOf(backend, x), rows, cols, offsetOf(backend, out));
  return out;
}
