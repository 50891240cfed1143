/**
 * On wasm, Slice, SplitV, Concat and GatherV2 that copy straight from one place on the wasm heap
 * to another, one memmove (copyWithin) per contiguous run.
 *
 * Why: the stock wasm Slice reads its whole input out of the heap (readSync copies it) before
 * taking the part it wants, so every slice cost a full copy of its input: each im2col tap, each
 * q/k/v part, each pad gradient. SplitV is built on that Slice, so splitting the optimizer's
 * flat vector into 39 parameters copied the vector 39 times (~10 ms a step). The stock Concat
 * copies row by row through two fresh typed-array views per row and input (thousands per im2col
 * concat), garbage the collector then has to sweep. The stock GatherV2 copies element by element
 * through index arithmetic: ~0.3 ms for the codebook lookup (256 rows of 32), a copy per row here.
 * Same results, bit for bit: these are copies.
 */
import * as tf from './tf.js';
import { BYTES_PER_ELEMENT, offsetOf, replaceWasmKernel, type WasmBackend } from './wasm-kernel-override.js';

/** Byte strides of a row-major shape. */
function byteStrides(shape: readonly number[], bytes: number): number[] {
  const strides = new Array<number>(shape.length);
  let stride = bytes;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i] as number;
  }
  return strides;
}

/** The box `begin`/`size` of x as a new tensor: one copyWithin per contiguous run. */
function sliceOnHeap(backend: WasmBackend, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  const bytes = BYTES_PER_ELEMENT[x.dtype] as number;
  const out = backend.makeOutput(size, x.dtype);
  if (size.some((s) => s === 0)) return out;
  // Read the heap only after makeOutput: allocating may grow (and replace) it.
  const heap = backend.wasm.HEAPU8;
  const strides = byteStrides(x.shape, bytes);
  // Trailing axes taken whole merge into the run; `axis` is the last one taken in part.
  let axis = x.shape.length - 1;
  while (axis > 0 && size[axis] === x.shape[axis]) axis--;
  const run = (size[axis] as number) * (strides[axis] as number);
  let source = offsetOf(backend, x);
  for (let i = 0; i <= axis; i++) source += (begin[i] as number) * (strides[i] as number);
  let target = offsetOf(backend, out);
  const index = new Array<number>(axis).fill(0);
  const runs = size.slice(0, axis).reduce((a, b) => a * b, 1);
  for (let n = 0; n < runs; n++) {
    let from = source;
    for (let i = 0; i < axis; i++) from += (index[i] as number) * (strides[i] as number);
    heap.copyWithin(target, from, from + run);
    target += run;
    for (let i = axis - 1; i >= 0; i--) {
      if ((index[i] = (index[i] as number) + 1) < (size[i] as number)) break;
      index[i] = 0;
    }
  }
  return out;
}

function concatOnHeap(backend: WasmBackend, inputs: tf.TensorInfo[], axis: number): tf.TensorInfo {
  const bytes = BYTES_PER_ELEMENT[(inputs[0] as tf.TensorInfo).dtype] as number;
  const outShape = tf.backend_util.computeOutShape(inputs.map((t) => t.shape), axis);
  const out = backend.makeOutput(outShape, (inputs[0] as tf.TensorInfo).dtype);
  const parts = inputs.filter((t) => tf.util.sizeFromShape(t.shape) > 0);
  if (parts.length === 0) return out;
  const heap = backend.wasm.HEAPU8;
  const rows = tf.util.sizeFromShape(outShape.slice(0, axis));
  const widths = parts.map((t) => tf.util.sizeFromShape(t.shape.slice(axis)) * bytes);
  const sources = parts.map((t) => offsetOf(backend, t));
  let target = offsetOf(backend, out);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < parts.length; i++) {
      const width = widths[i] as number;
      const from = (sources[i] as number) + r * width;
      heap.copyWithin(target, from, from + width);
      target += width;
    }
  }
  return out;
}

/** Rows of x along `axis` picked by `indices` (batchDims 0): one copyWithin per picked row. */
function gatherOnHeap(backend: WasmBackend, x: tf.TensorInfo, indices: tf.TensorInfo, axis: number): tf.TensorInfo {
  const info = tf.backend_util.segment_util.collectGatherOpShapeInfo(x as tf.Tensor, indices as tf.Tensor, axis, 0);
  const picks = tf.util.sizeFromShape(indices.shape);
  const out = backend.makeOutput(info.outputShape, x.dtype);
  if (info.outerSize * picks * info.sliceSize === 0) return out;
  const heap = backend.wasm.HEAPU8;
  const rows = new Int32Array(heap.buffer, offsetOf(backend, indices), picks);
  for (const row of rows) {
    if (row < 0 || row >= info.dimSize) throw new Error(`GatherV2: the index value ${row} is not in [0, ${info.dimSize - 1}]`);
  }
  const run = info.sliceSize * (BYTES_PER_ELEMENT[x.dtype] as number);
  const source = offsetOf(backend, x);
  let target = offsetOf(backend, out);
  for (let outer = 0; outer < info.outerSize; outer++) {
    const block = source + outer * info.dimSize * run;
    for (const row of rows) {
      heap.copyWithin(target, block + row * run, block + (row + 1) * run);
      target += run;
    }
  }
  return out;
}

/** Installs the heap-copying Slice, SplitV, Concat and GatherV2 (once; the wasm backend must be loaded). */
export function installHeapCopies(): void {
  replaceWasmKernel(tf.Slice, ({ inputs, backend, attrs }) => {
    const x = inputs.x as tf.TensorInfo;
    const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin as number[], attrs.size as number[]);
    return sliceOnHeap(backend, x, begin as number[], size as number[]);
  });
  replaceWasmKernel(tf.SplitV, ({ inputs, backend, attrs }) => {
    const x = inputs.x as tf.TensorInfo;
    const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0] as number;
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits as number[] | number, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = [...x.shape];
      size[axis] = s;
      const piece = sliceOnHeap(backend, x, [...begin], size);
      begin[axis] = (begin[axis] as number) + s;
      return piece;
    });
  });
  replaceWasmKernel(tf.Concat, ({ inputs, backend, attrs }) => {
    const list = Object.values(inputs) as tf.TensorInfo[];
    const axis = tf.util.parseAxisParam(attrs.axis as number, (list[0] as tf.TensorInfo).shape)[0] as number;
    tf.backend_util.assertParamsConsistent(list.map((t) => t.shape), axis);
    return concatOnHeap(backend, list, axis);
  });
  replaceWasmKernel(tf.GatherV2, (args, stock) => {
    const { x, indices } = args.inputs as { x: tf.TensorInfo; indices: tf.TensorInfo };
    if (args.attrs.batchDims !== 0 || indices.dtype !== 'int32') return stock(args);
    return gatherOnHeap(args.backend, x, indices, tf.util.parseAxisParam(args.attrs.axis as number, x.shape)[0] as number);
  });
}
