/**
 * Bit-exact rounding of float32 values to the BF16 and FP16 grids, returned as float32.
 *
 * TF.js tensors are float32 only, so the studio's reduced-precision modes are emulated: every
 * value crossing a layer boundary is snapped to the nearest value the real format could hold.
 * Everything here works on the raw IEEE-754 bits through a Uint32Array view of the same
 * buffer, so there is no floating-point estimate of exponents (no log2) and no double
 * rounding: round to nearest, ties to even, exactly as the hardware formats do.
 *
 * Shared conventions:
 * - NaN stays NaN, made quiet, sign kept, payload truncated to what the format can hold.
 * - ±Inf stay ±Inf; the sign of zero is kept (−tiny rounds to −0).
 * - Results past the format's largest finite value become ±Inf.
 */

const SIGN = 0x80000000;
const ABS = 0x7fffffff;
const INF = 0x7f800000;
const QUIET = 0x00400000;

/**
 * BF16 is float32 with the low 16 mantissa bits dropped, so rounding is one integer add:
 * add 0x7FFF plus the lowest kept bit (this turns "ties go up" into "ties to even"), then
 * clear the low half. A carry out of the mantissa bumps the exponent, which is exactly the
 * right answer, including the largest float32 rounding up to Inf and float32 subnormals
 * rounding on bf16's own subnormal grid (which is float32's with 16 fewer bits).
 */
export function bf16Bits(u: number): number {
  if ((u & ABS) > INF) return (u | QUIET) & 0xffff0000; // NaN: quiet, keep sign
  return (u + 0x7fff + ((u >>> 16) & 1)) & 0xffff0000;
}

/**
 * IEEE binary16 (1 sign, 5 exponent, 10 mantissa bits), written back as float32 bits.
 * float32 biased exponent e maps to fp16's normal range for e in [113, 142]
 * (2^-14 ≤ |x| < 2^16); below that fp16 has subnormals with a fixed quantum of 2^-24.
 */
export function fp16Bits(u: number): number {
  const sign = u & SIGN;
  const a = u & ABS;
  const e = a >>> 23;
  if (e >= 143) {
    if (a > INF) return (u | QUIET) & 0xffffe000; // NaN
    return sign | INF; // Inf, or |x| ≥ 65536: past any rounding, overflow
  }
  if (e >= 113) {
    // Normal: drop 13 mantissa bits with the same add-and-mask trick as bf16.
    const r = (a + 0xfff + ((a >>> 13) & 1)) & 0xffffe000;
    // 65520 and above round to 65536 (= float32 bits 0x47800000), which fp16 cannot hold.
    return r >= 0x47800000 ? sign | INF : sign | r;
  }
  if (e < 102) return sign; // |x| < 2^-25: below half the smallest subnormal, so ±0
  // Subnormal in fp16: q = round(|x| / 2^-24) with ties to even, using the 24-bit significand.
  const m = (a & 0x7fffff) | 0x800000; // |x| = m · 2^(e - 150)
  const s = 126 - e; // bits to drop so the unit is 2^-24; 14..24 here
  let q = m >>> s;
  const rem = m & ((1 << s) - 1);
  const half = 1 << (s - 1);
  if (rem > half || (rem === half && (q & 1) === 1)) q++;
  if (q === 0) return sign;
  // Re-normalise q · 2^-24 as a float32: leading bit at position L-1 gives exponent L-25.
  const len = 32 - Math.clz32(q);
  return sign | ((len + 102) << 23) | ((q << (24 - len)) & 0x7fffff);
}

function viewOf(a: Float32Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length);
}

function checkLengths(src: Float32Array, dst: Float32Array): void {
  if (dst.length !== src.length) {
    throw new Error(`rounding: dst has ${dst.length} values, src has ${src.length}`);
  }
}

/** Rounds every value of src to bf16 into dst (a new array unless given; dst may be src). */
export function roundToBf16(src: Float32Array, dst: Float32Array = new Float32Array(src.length)): Float32Array {
  checkLengths(src, dst);
  const s = viewOf(src);
  const d = viewOf(dst);
  const n = s.length;
  // Inlined rather than calling bf16Bits: this runs over every activation in bf16 mode.
  for (let i = 0; i < n; i++) {
    const u = s[i]!;
    d[i] = (u & ABS) > INF ? (u | QUIET) & 0xffff0000 : (u + 0x7fff + ((u >>> 16) & 1)) & 0xffff0000;
  }
  return dst;
}

/** Rounds every value of src to fp16 into dst (a new array unless given; dst may be src). */
export function roundToFp16(src: Float32Array, dst: Float32Array = new Float32Array(src.length)): Float32Array {
  checkLengths(src, dst);
  const s = viewOf(src);
  const d = viewOf(dst);
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const u = s[i]!;
    const e = (u >>> 23) & 0xff;
    // Fast path for the normal range, where nearly all activations live; the rest is rare.
    if (e >= 113 && e < 142) {
      d[i] = (u + 0xfff + ((u >>> 13) & 1)) & 0xffffe000;
    } else {
      d[i] = fp16Bits(u);
    }
  }
  return dst;
}

// One scratch word for the scalar helpers, seen both as a float and as its bits.
const scratchF = new Float32Array(1);
const scratchU = new Uint32Array(scratchF.buffer);

/** x (first rounded to float32) rounded to the nearest bf16 value. */
export function bf16(x: number): number {
  scratchF[0] = x;
  scratchU[0] = bf16Bits(scratchU[0]!);
  return scratchF[0]!;
}

/** x (first rounded to float32) rounded to the nearest fp16 value. */
export function fp16(x: number): number {
  scratchF[0] = x;
  scratchU[0] = fp16Bits(scratchU[0]!);
  return scratchF[0]!;
}
