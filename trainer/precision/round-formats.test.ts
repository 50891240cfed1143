import { describe, expect, it } from 'vitest';
import { bf16, fp16, roundToBf16, roundToFp16 } from './round-formats.js';

const p2 = (k: number): number => 2 ** k;

/** Runs one value through the array path (the hot one) rather than the scalar helper. */
function viaArray(round: (s: Float32Array) => Float32Array, x: number): number {
  return round(Float32Array.of(x))[0]!;
}

// Every expected value below is derived by hand from the format's grid, not by running code.
const FP16_CASES: [string, number, number][] = [
  ['NaN', NaN, NaN],
  ['+Inf', Infinity, Infinity],
  ['-Inf', -Infinity, -Infinity],
  ['+0', 0, 0],
  ['-0', -0, -0],
  ['1', 1, 1],
  ['largest finite 65504', 65504, 65504],
  ['65519 is below the 65504/65536 midpoint', 65519, 65504],
  ['65520 is the midpoint; ties to 65536 (even), which overflows', 65520, Infinity],
  ['-65520 overflows negative', -65520, -Infinity],
  ['65536', 65536, Infinity],
  ['1e6', 1e6, Infinity],
  ['1+2^-11 ties to 1 (even)', 1 + p2(-11), 1],
  ['1+3·2^-11 ties to 1+2^-9 (even)', 1 + 3 * p2(-11), 1 + p2(-9)],
  ['just above the 1+2^-11 tie', 1 + p2(-11) + p2(-23), 1 + p2(-10)],
  ['0.1 → 0x2E66', 0.1, 0.0999755859375],
  ['1/3 → 0x3555', 1 / 3, 0.333251953125],
  ['smallest normal 2^-14', p2(-14), p2(-14)],
  ['smallest subnormal 2^-24', p2(-24), p2(-24)],
  ['2^-25 ties to 0 (even)', p2(-25), 0],
  ['-2^-25 ties to -0', -p2(-25), -0],
  ['just above 2^-25 rounds up', p2(-25) * (1 + p2(-23)), p2(-24)],
  ['3·2^-25 ties to 2^-23 (even)', 3 * p2(-25), p2(-23)],
  ['5·2^-25 ties to 2^-23 (even)', 5 * p2(-25), p2(-23)],
  ['largest subnormal 1023·2^-24', 1023 * p2(-24), 1023 * p2(-24)],
  ['1023.5·2^-24 ties to 2^-14 (even)', 1023.5 * p2(-24), p2(-14)],
  ['1022.5·2^-24 ties to 1022·2^-24 (even)', 1022.5 * p2(-24), 1022 * p2(-24)],
  ['float32 subnormal 2^-149', p2(-149), 0],
  ['-1e-30', -1e-30, -0],
];

const BF16_MAX = (2 - p2(-7)) * p2(127);
const BF16_CASES: [string, number, number][] = [
  ['NaN', NaN, NaN],
  ['+Inf', Infinity, Infinity],
  ['-Inf', -Infinity, -Infinity],
  ['+0', 0, 0],
  ['-0', -0, -0],
  ['pi → 3.140625', Math.PI, 3.140625],
  ['1+2^-8 ties to 1 (even)', 1 + p2(-8), 1],
  ['1+3·2^-8 ties to 1+2^-6 (even)', 1 + 3 * p2(-8), 1 + p2(-6)],
  ['-(1+3·2^-8) ties to -(1+2^-6)', -(1 + 3 * p2(-8)), -(1 + p2(-6))],
  ['just above the 1+2^-8 tie', 1 + p2(-8) + p2(-23), 1 + p2(-7)],
  ['largest bf16 ≈ 3.3895e38', BF16_MAX, BF16_MAX],
  ['just below the overflow tie', (2 - p2(-7) + p2(-8) - p2(-23)) * p2(127), BF16_MAX],
  ['overflow tie goes to 2^128 = Inf', (2 - p2(-7) + p2(-8)) * p2(127), Infinity],
  ['float32 max 3.4028e38 overflows', 3.4028234663852886e38, Infinity],
  ['-float32 max overflows negative', -3.4028234663852886e38, -Infinity],
  ['smallest float32 subnormal 2^-149 → 0', p2(-149), 0],
  ['-2^-149 → -0', -p2(-149), -0],
  ['bf16 smallest subnormal 2^-133 stays', p2(-133), p2(-133)],
  ['2^-134 ties to 0 (even)', p2(-134), 0],
  ['2^-134 + 2^-149 rounds up to 2^-133', p2(-134) + p2(-149), p2(-133)],
  ['3·2^-134 ties to 2^-132 (even)', 3 * p2(-134), p2(-132)],
  ['largest float32 subnormal rounds to 2^-126', p2(-126) - p2(-149), p2(-126)],
];

function expectSame(actual: number, expected: number, label: string): void {
  if (Number.isNaN(expected)) expect(Number.isNaN(actual), label).toBe(true);
  else expect(Object.is(actual, expected), `${label}: got ${actual}, want ${expected}`).toBe(true);
}

describe('fp16 edge cases', () => {
  for (const [label, x, want] of FP16_CASES) {
    it(label, () => {
      expectSame(fp16(x), want, `scalar ${label}`);
      expectSame(viaArray(roundToFp16, x), want, `array ${label}`);
    });
  }
});

describe('bf16 edge cases', () => {
  for (const [label, x, want] of BF16_CASES) {
    it(label, () => {
      expectSame(bf16(x), want, `scalar ${label}`);
      expectSame(viaArray(roundToBf16, x), want, `array ${label}`);
    });
  }
});

describe('NaN handling at the bit level', () => {
  // Signalling NaNs with tiny payloads: naive masking would turn these into ±Inf.
  for (const bits of [0x7f800001, 0xff800001, 0x7fc00000, 0x7f801fff]) {
    it(`0x${bits.toString(16)} stays a quiet NaN in both formats`, () => {
      for (const round of [roundToBf16, roundToFp16]) {
        const src = new Float32Array(1);
        new Uint32Array(src.buffer)[0] = bits;
        const out = new Uint32Array(round(src).buffer)[0]!;
        expect((out & 0x7f800000) >>> 0).toBe(0x7f800000);
        expect(out & 0x00400000).not.toBe(0);
        expect(out >>> 31).toBe(bits >>> 31);
      }
    });
  }
});

describe('array API', () => {
  it('rounds in place when dst is src and rejects a mismatched dst', () => {
    const a = Float32Array.of(1 + 3 * p2(-11), 70000);
    expect(roundToFp16(a, a)).toBe(a);
    expect(Array.from(a)).toEqual([1 + p2(-9), Infinity]);
    expect(() => roundToBf16(a, new Float32Array(3))).toThrow(/dst/);
  });

  it('honours subarray offsets', () => {
    const big = Float32Array.of(5, 1 + p2(-8) + p2(-23), 7);
    expect(Array.from(roundToBf16(big.subarray(1, 2)))).toEqual([1 + p2(-7)]);
  });
});

/**
 * Independent reference in float64: find the binade by comparing with powers of two, clamp to
 * the subnormal binade, divide by the quantum (exact, a power of two), round half to even by
 * hand, multiply back, then apply the overflow threshold.
 */
function reference(x: number, mantissaBits: number, minExp: number, maxFinite: number): number {
  if (Number.isNaN(x) || !Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  while (2 ** e > a) e--;
  while (2 ** (e + 1) <= a) e++;
  e = Math.max(e, minExp);
  const quantum = 2 ** (e - mantissaBits);
  const v = a / quantum;
  let n = Math.floor(v);
  const frac = v - n;
  if (frac > 0.5 || (frac === 0.5 && n % 2 === 1)) n++;
  let r = n * quantum;
  if (r > maxFinite) r = Infinity;
  return x < 0 ? -r : r;
}

/** Deterministic 32-bit generator (mulberry32) so a failure reproduces. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** 100,000 float32 bit patterns: all exponents, a band around fp16's range, and exact ties. */
function randomFloats(count: number): Float32Array {
  const next = mulberry32(20240611);
  const out = new Float32Array(count);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < count; i++) {
    const r = next();
    const kind = i % 5;
    if (kind <= 1) bits[i] = r; // any exponent, including subnormals, Inf and NaN
    else if (kind <= 3) bits[i] = (r & 0x807fffff) | ((95 + (next() % 50)) << 23); // 2^-32..2^17
    else bits[i] = (r & 0xffff0000) | (next() & 1 ? 0x8000 : 0x1000); // bf16 or fp16 ties
  }
  return out;
}

function crossCheck(round: (s: Float32Array) => Float32Array, mant: number, minExp: number, max: number): void {
  const src = randomFloats(100_000);
  const got = round(src);
  const want = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) want[i] = reference(src[i]!, mant, minExp, max);
  const gotBits = new Uint32Array(got.buffer);
  const wantBits = new Uint32Array(want.buffer);
  const mismatches: string[] = [];
  for (let i = 0; i < src.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    const same = Number.isNaN(w) ? Number.isNaN(g) : gotBits[i] === wantBits[i] && Object.is(g, w);
    if (!same && mismatches.length < 5) mismatches.push(`${src[i]} → ${g}, want ${w}`);
  }
  expect(mismatches).toEqual([]);
}

describe('cross-check against a float64 reference', () => {
  it('fp16 matches bit for bit on 100,000 values', () => {
    crossCheck(roundToFp16, 10, -14, 65504);
  });
  it('bf16 matches bit for bit on 100,000 values', () => {
    crossCheck(roundToBf16, 7, -126, BF16_MAX);
  });
});
