/**
 * The kernel seam: STAGECRAFT_WASM_KERNELS=0 keeps TF.js's stock kernels, the probe finds a
 * missing TF.js internal and says which, and a failed probe leaves the stock kernels in place
 * (reported in backend/selected) instead of installing kernels that would read the wrong memory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { IM2COL } from './im2col.js';
import { kernelPaths } from './kernel-paths.js';
import { probeWasmInternals, REPLACED_KERNELS } from './kernel-probe.js';
import { installKernels, parseKernelRequest } from './kernels.js';
import * as tf from './tf.js';
import { replacedKernels } from './wasm-kernel-override.js';

let stockIdentity: tf.KernelFunc;

beforeAll(async () => {
  const choice = await selectBackend('wasm', 'stock');
  expect(choice.kernels).toEqual({ kind: 'stock', reason: 'STAGECRAFT_WASM_KERNELS=0' });
  stockIdentity = (tf.getKernel(tf.Identity, 'wasm') as tf.KernelConfig).kernelFunc;
});

/** The live wasm backend with `overrides` in front of it (its methods still work through the prototype). */
const stripped = (overrides: Record<string, unknown>): unknown => Object.create(tf.backend(), Object.fromEntries(Object.entries(overrides).map(([k, value]) => [k, { value }])));

describe('STAGECRAFT_WASM_KERNELS', () => {
  it('reads 0 as stock, 1 or unset as ours, and anything else as a mistake', () => {
    expect(parseKernelRequest('0')).toBe('stock');
    expect(parseKernelRequest('1')).toBe('custom');
    expect(parseKernelRequest(undefined)).toBe('custom');
    expect(() => parseKernelRequest('off')).toThrow("STAGECRAFT_WASM_KERNELS='off' is not 0");
  });

  it('at 0 leaves every stock kernel in place and installs none of ours', () => {
    expect(tf.getKernel(IM2COL, 'wasm')).toBeUndefined();
    expect(kernelPaths()).toEqual({ custom: false, fusedDense: false, untransposedProducts: true });
    const x = tf.tensor1d([1, 2, 3]);
    expect(tf.clone(x).dataId).not.toBe(x.dataId); // the stock Identity copies
  });
});

describe('the probe of TF.js internals', () => {
  it('finds everything our kernels need in the installed TF.js', () => {
    expect(probeWasmInternals(tf.backend(), tf.getKernel)).toBeNull();
  });

  it('names what is missing', () => {
    const wasm = (tf.backend() as unknown as { wasm: object }).wasm;
    expect(probeWasmInternals(stripped({ wasm: { ...wasm, asm: undefined } }), tf.getKernel)).toBe('the wasm module exports no asm.memory');
    expect(probeWasmInternals(stripped({ wasm: { ...wasm, HEAPU8: undefined } }), tf.getKernel)).toBe('the wasm module has no HEAPU8 heap view');
    expect(probeWasmInternals(stripped({ dataIdMap: undefined }), tf.getKernel)).toBe('the wasm backend has no dataIdMap');
    expect(probeWasmInternals(stripped({ makeOutput: undefined }), tf.getKernel)).toBe('the wasm backend has no makeOutput()');
    const withoutSlice = (name: string, backend: string) => (name === tf.Slice ? undefined : tf.getKernel(name, backend));
    expect(probeWasmInternals(tf.backend(), withoutSlice)).toBe('the wasm backend has no Slice kernel');
    expect(probeWasmInternals({}, tf.getKernel)).toBe('the wasm module has no HEAPU8 heap view');
  });

  it('falls back to the stock kernels and says why, then installs ours once all is there', () => {
    const kernels = installKernels('wasm', 'custom', stripped({ dataIdMap: undefined }));
    expect(kernels).toEqual({ kind: 'stock', reason: 'TF.js internals our kernels need have moved: the wasm backend has no dataIdMap' });
    expect(tf.getKernel(IM2COL, 'wasm')).toBeUndefined();
    expect((tf.getKernel(tf.Identity, 'wasm') as tf.KernelConfig).kernelFunc).toBe(stockIdentity);
    expect(kernelPaths().custom).toBe(false);

    expect(installKernels('wasm', 'custom')).toEqual({ kind: 'custom' });
    expect(tf.getKernel(IM2COL, 'wasm')).toBeDefined();
    expect(kernelPaths()).toEqual({ custom: true, fusedDense: true, untransposedProducts: true });
    // The probe checked for every stock kernel that was then replaced (Identity is replaced directly).
    expect(REPLACED_KERNELS).toEqual(expect.arrayContaining([...replacedKernels(), tf.Identity]));
  });
});
