/**
 * Sample-rate conversion to the 16 kHz the audio features expect. Users bring 44.1 and
 * 48 kHz music and 8/22.05 kHz speech; naive decimation would fold everything above
 * 8 kHz (cymbals, sibilants) back into the band as tones that are not in the recording,
 * and the model would learn gestures for them. So this is a band-limited, Kaiser-windowed
 * sinc interpolator with the cutoff just below the lower of the two Nyquist rates.
 *
 * It is polyphase over the exact rational ratio (44100→16000 is 160/441, so 160 phase
 * filters), which keeps the inner loop a plain dot product: 8 s of 48 kHz audio takes a
 * few tens of milliseconds (about 35 ms measured).
 */

/** Zero crossings of the sinc kept on each side, counted at the lower rate. */
const HALF_ZEROS = 32;
/** Cutoff as a fraction of the lower Nyquist. Measured at 44.1k→16k: flat to 7 kHz,
 *  -3.4 dB at 7.5 kHz, and at least 80 dB down from 8.2 kHz up, so anything that could
 *  fold back lands above 7.8 kHz, outside the features' 7.6 kHz mel range. */
const ROLLOFF = 0.95;
/** Kaiser β for about 80 dB stopband attenuation (β = 0.1102·(A − 8.7)). */
const KAISER_BETA = 7.86;
/** Above this many phases (odd rate pairs like 44100→16001) phases are rounded to the
 *  nearest of these: a timing error ≤ 1/8192 sample, below -75 dB for audio content. */
const MAX_PHASES = 4096;

/**
 * Resamples mono audio. The output has round(n · toRate / fromRate) samples and output
 * sample k sits at time k / toRate, like input sample k at k / fromRate; outside the
 * input the signal is taken as silence.
 */
export function resample(samples: Float32Array, fromRate: number, toRate = 16000): Float32Array {
  for (const [name, rate] of [['fromRate', fromRate], ['toRate', toRate]] as const) {
    if (!(Number.isInteger(rate) && rate > 0)) throw new RangeError(`resample: ${name} must be a positive integer (Hz), got ${rate}`);
  }
  if (fromRate === toRate) return samples.slice();
  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  const outLength = Math.round((samples.length * toRate) / fromRate);
  const bank = phaseFilters(up, fromRate, toRate);
  const { taps, phases, reach, coefficients } = bank;
  const out = new Float32Array(outLength);
  const n = samples.length;

  for (let k = 0; k < outLength; k++) {
    // Output k is at input position k·down/up = whole + rem/up, in exact integers.
    const num = k * down;
    let whole = Math.floor(num / up);
    let phase = num - whole * up;
    if (phases !== up) {
      phase = Math.round((phase * phases) / up);
      if (phase === phases) {
        phase = 0;
        whole += 1;
      }
    }
    const first = whole - reach + 1;
    const c0 = phase * taps;
    let sum = 0;
    if (first >= 0 && first + taps <= n) {
      for (let t = 0; t < taps; t++) sum += (samples[first + t] as number) * (coefficients[c0 + t] as number);
    } else {
      // Near the ends: taps that fall outside the input read silence.
      const lo = Math.max(0, -first);
      const hi = Math.min(taps, n - first);
      for (let t = lo; t < hi; t++) sum += (samples[first + t] as number) * (coefficients[c0 + t] as number);
    }
    out[k] = sum;
  }
  return out;
}

interface PhaseFilters {
  /** Coefficients per phase. */
  taps: number;
  phases: number;
  /** Taps reach this many input samples to each side of an output position. */
  reach: number;
  /** phases × taps; phase p is the filter for an output at fraction p/phases past a sample. */
  coefficients: Float64Array;
}

function phaseFilters(up: number, fromRate: number, toRate: number): PhaseFilters {
  const phases = Math.min(up, MAX_PHASES);
  // Cutoff in cycles per input sample: the lower Nyquist, less the roll-off margin.
  const cutoff = 0.5 * ROLLOFF * Math.min(1, toRate / fromRate);
  const halfLength = HALF_ZEROS / (2 * cutoff);
  const reach = Math.ceil(halfLength);
  const taps = 2 * reach;
  const coefficients = new Float64Array(phases * taps);
  const i0Beta = besselI0(KAISER_BETA);
  for (let p = 0; p < phases; p++) {
    const frac = p / phases;
    let sum = 0;
    for (let t = 0; t < taps; t++) {
      // Tap t reads input sample (whole - reach + 1 + t); its distance from the output:
      const x = frac + reach - 1 - t;
      const r = x / halfLength;
      if (Math.abs(r) >= 1) continue;
      const arg = 2 * cutoff * x;
      const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
      const w = besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
      const h = 2 * cutoff * sinc * w;
      coefficients[p * taps + t] = h;
      sum += h;
    }
    // Exact unity gain at DC for every phase, so a constant stays constant (no ripple
    // at the phase rate from the window's truncation).
    for (let t = p * taps; t < (p + 1) * taps; t++) coefficients[t] = (coefficients[t] as number) / sum;
  }
  return { taps, phases, reach, coefficients };
}

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for β ≤ 20). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 200; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-16) break;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
