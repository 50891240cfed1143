import { describe, expect, it } from 'vitest';
import * as tf from '../nn/tf.js';
import { parseRequestedBackend, selectBackend } from './backend.js';

describe('backend selection', () => {
  it('falls through the native backends to wasm, saying why each was passed over', async () => {
    const choice = await selectBackend(null);
    expect(tf.getBackend()).toBe(choice.backend);
    // On this machine libtensorflow is not installed: the native two are skipped with a reason.
    const skipped = choice.skipped.map((s) => s.backend);
    expect(BACKENDS_BEFORE(choice.backend)).toEqual(skipped);
    for (const s of choice.skipped) expect(s.reason.length).toBeGreaterThan(0);
    // Where wasm runs, it runs our kernels unless STAGECRAFT_WASM_KERNELS=0 asks otherwise.
    if (choice.backend === 'wasm') expect(choice.kernels).toEqual({ kind: 'custom' });
  });

  it('uses a forced backend first', async () => {
    const choice = await selectBackend(parseRequestedBackend('cpu'));
    expect(choice).toMatchObject({ backend: 'cpu', requested: 'cpu', skipped: [], kernels: { kind: 'stock', reason: "Stagecraft's own kernels are for the wasm backend, not cpu" } });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('rejects an unknown backend name with the list of good ones', () => {
    expect(() => parseRequestedBackend('cuda')).toThrow(/STAGECRAFT_BACKEND='cuda'.*tensorflow-gpu, tensorflow, wasm, cpu/);
  });
});

function BACKENDS_BEFORE(backend: string): string[] {
  const order = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];
  return order.slice(0, order.indexOf(backend));
}
