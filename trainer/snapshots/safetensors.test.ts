import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';

describe('safetensors', () => {
  it('round-trips tensors and metadata, with data 8-byte aligned as readers expect', () => {
    const tensors = [
      { name: 'encoder.in.w', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
      { name: 'encoder.in.b', shape: [3], data: new Float32Array([-1, 0.5, NaN]) },
    ];
    const bytes = encodeSafetensors(tensors, { format: 'pt' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0);
    const decoded = decodeSafetensors(bytes, 'encoder.safetensors');
    expect(decoded.metadata).toEqual({ format: 'pt' });
    expect(decoded.tensors.map((t) => [t.name, t.shape, [...t.data]])).toEqual(tensors.map((t) => [t.name, t.shape, [...t.data]]));
  });

  it('names the file when the bytes are not safetensors', () => {
    expect(() => decodeSafetensors(new Uint8Array([1, 2, 3]), 'decoder.safetensors')).toThrow(/'decoder.safetensors'.*shorter/);
    const bytes = encodeSafetensors([{ name: 'w', shape: [4], data: new Float32Array(4) }]);
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4), 'w.safetensors')).toThrow(/'w.safetensors'.*bad byte range/);
  });
});
