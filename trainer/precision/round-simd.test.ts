import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import * as tf from '../nn/tf.js';
import type { WasmBackend } from '../nn/wasm-kernel-override.js';
import { makeQuantizer } from './quantize.js';
import { roundToBf16, roundToFp16 } from './round-formats.js';
import { simdRoundingFor, type SimdRounding } from './round-simd.js';

const FORMATS = [
  ['bf16', 'roundBf16', roundToBf16],
  ['fp16', 'roundFp16', roundToFp16],
] as const;

/**
 * Bit patterns that reach every branch of both formats: every sign and exponent with the
 * mantissa endings around bf16's (16 dropped bits) and fp16's (13) rounding points, every
 * 19-bit prefix with fp16's endings, the exact ties on fp16's subnormal grid, and random bits.
 */
function patterns(): Uint32Array {
  const out: number[] = [];
  const bf16Ends = [0, 1, 0x7fff, 0x8000, 0x8001, 0xffff];
  const fp16Ends = [0, 1, 0xfff, 0x1000, 0x1001, 0x1fff];
  for (let high = 0; high < 1 << 16; high++) for (const end of [...bf16Ends, 0x2fff, 0x3000, 0x3001]) out.push(((high << 16) | end) >>> 0);
  for (let prefix = 0; prefix < 1 << 19; prefix++) for (const end of fp16Ends) out.push(((prefix << 13) | end) >>> 0);
  const bits = new Uint32Array(new Float32Array(1).buffer);
  const word = new Float32Array(bits.buffer);
  for (let k = 0; k < 2048; k++) {
    for (const sign of [1, -1]) {
      word[0] = sign * (k + 0.5) * 2 ** -24; // a tie between two fp16 subnormals
      out.push(bits[0]!, bits[0]! + 1, bits[0]! - 1);
    }
  }
  let seed = 12345;
  for (let i = 0; i < 1 << 20; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    out.push(seed);
  }
  return Uint32Array.from(out);
}

/** A WebAssembly.Memory (the trainer's TypeScript lib has no DOM, where its type lives). */
interface Memory {
  buffer: ArrayBuffer;
}
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: { Memory: new (size: { initial: number }) => Memory } };

describe('SIMD rounding (round-simd.wat)', () => {
  let memory: Memory;
  let simd: SimdRounding;
  let input: Uint32Array;

  beforeAll(() => {
    input = patterns();
    memory = new wasmApi.Memory({ initial: Math.ceil((8 * input.length + 64) / 65536) });
    const loops = simdRoundingFor(memory);
    if (!loops) throw new Error('this Node runs wasm SIMD, so the loops must instantiate');
    simd = loops;
  });

  for (const [name, exported, reference] of FORMATS) {
    it(`${name}: bit for bit the JS loop's result, over every exponent and each rounding boundary`, () => {
      const n = input.length;
      // Source at byte 4, so the vectors are not 16-byte aligned; output after it.
      const src = new Uint32Array(memory.buffer, 4, n);
      const dst = new Uint32Array(memory.buffer, 4 + 4 * n, n);
      src.set(input);
      const done = simd[exported](src.byteOffset, dst.byteOffset, n);
      expect(done).toBe(n - (n % 16));
      const want = new Uint32Array(reference(new Float32Array(input.buffer.slice(0))).buffer);
      let mismatches = 0;
      let first = '';
      for (let i = 0; i < done; i++) {
        if (dst[i] !== want[i]) {
          if (mismatches++ === 0) first = `0x${input[i]!.toString(16)} → 0x${dst[i]!.toString(16)}, want 0x${want[i]!.toString(16)}`;
        }
      }
      expect(mismatches, first).toBe(0);
    });

    it(`${name}: rounds in place and leaves the values past the last 16 to the caller`, () => {
      const values = new Float32Array(memory.buffer, 0, 37);
      for (let i = 0; i < values.length; i++) values[i] = 1 + i * 2 ** -12 + 2 ** -20;
      const want = reference(values.slice());
      const before = values.slice();
      expect(simd[exported](0, 0, values.length)).toBe(32);
      expect(Array.from(values.subarray(0, 32))).toEqual(Array.from(want.subarray(0, 32)));
      expect(Array.from(values.subarray(32))).toEqual(Array.from(before.subarray(32)));
    });
  }
});

describe('the wasm backend rounding kernels', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it("run the SIMD loops on the backend's own memory", () => {
    const wasm = tf.backend() as unknown as WasmBackend;
    expect(simdRoundingFor(wasm.wasm.asm?.memory)).not.toBeNull();
  });

  for (const [name, , reference] of FORMATS) {
    it(`${name}: a tensor whose size is not a multiple of 16 is rounded all the way to its end`, () => {
      const values = Float32Array.from({ length: 1000 + 7 }, (_, i) => Math.sin(i) * 3 + 2 ** -20);
      const x = tf.tensor1d(values);
      const y = makeQuantizer(name)(x);
      expect(Array.from(y.dataSync())).toEqual(Array.from(reference(values)));
      tf.dispose([x, y]);
    });
  }
});
