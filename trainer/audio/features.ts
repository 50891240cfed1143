/**
 * Audio features for audio-to-motion training, one feature frame per motion frame.
 * The model pairs audio frame f with pose frame f, so frame f is centred exactly at
 * f / fps seconds (hop = 16000 / fps = 533.33 samples at 30 fps: the fractional hop is
 * kept by rounding each centre, never by accumulating a rounded hop, which would drift
 * 10 ms per second against the BVH clock).
 *
 * Per frame: a periodic Hann window of fftSize samples centred on the frame time (zeros
 * beyond either end of the clip, as librosa's centre=True with constant padding), the
 * power spectrum via fft.js, a Slaney mel filterbank (see mel-filterbank.ts), and
 * log(mel + 1e-6). Energy is the log RMS of the same span; onset strength is the
 * half-wave-rectified spectral flux of the log-mel, averaged over bins and scaled so the
 * clip's strongest onset is 1 (a model and a metric can then use one threshold for loud
 * and quiet clips alike). Frame 0 has no predecessor and gets onset 0, so a clip that
 * starts mid-sound does not report a fake onset at 0 s.
 */
import FFT from 'fft.js';
import { melFilterbank } from './mel-filterbank.js';

export { onsetTimes, type OnsetPeakOptions } from './onset-peaks.js';

/** The rate every feature is computed at; resample.ts gets arbitrary input here. */
export const FEATURE_SAMPLE_RATE = 16000;
/** Added before the log: -13.8 is the floor digital silence sits on (about -120 dB). */
const LOG_FLOOR = 1e-6;

export interface AudioFeatureOptions {
  /** Mel bands per frame: 80 is the common choice of speech/gesture models. */
  melBins?: number;
  /** FFT window, samples at 16 kHz (1024 = 64 ms): long enough to resolve pitch
   *  harmonics, short enough to place an onset within a 33 ms motion frame. */
  fftSize?: number;
  /** Lowest mel edge, Hz: below ~60 Hz is hum and rumble, not voice or beat. */
  fMin?: number;
  /** Highest mel edge, Hz: under 8 kHz Nyquist, clear of the resampler's roll-off. */
  fMax?: number;
}

export interface AudioFeatures {
  frames: number;
  melBins: number;
  /** frames × melBins, row-major: frame f's bins start at f · melBins. */
  logMel: Float32Array;
  /** Per frame, log RMS of the frame's fftSize samples. */
  energy: Float32Array;
  /** Per frame, spectral-flux onset strength, ≥ 0, max 1 (all 0 when nothing changes). */
  onset: Float32Array;
}

export function audioFeatures(samples16k: Float32Array, fps = 30, options: AudioFeatureOptions = {}): AudioFeatures {
  const melBins = options.melBins ?? 80;
  const fftSize = options.fftSize ?? 1024;
  const fMin = options.fMin ?? 60;
  const fMax = options.fMax ?? 7600;
  if (!(Number.isFinite(fps) && fps > 0)) throw new RangeError(`audioFeatures: fps must be positive, got ${fps}`);
  if (!(Number.isInteger(fftSize) && fftSize >= 16 && (fftSize & (fftSize - 1)) === 0)) {
    throw new RangeError(`audioFeatures: fftSize must be a power of two ≥ 16, got ${fftSize}`);
  }
  if (!(Number.isInteger(melBins) && melBins > 0)) throw new RangeError(`audioFeatures: melBins must be a positive integer, got ${melBins}`);
  if (!(fMin >= 0 && fMin < fMax && fMax <= FEATURE_SAMPLE_RATE / 2)) {
    throw new RangeError(`audioFeatures: need 0 ≤ fMin < fMax ≤ ${FEATURE_SAMPLE_RATE / 2} Hz, got ${fMin}..${fMax}`);
  }

  const n = samples16k.length;
  // floor(duration · fps), with a hair of slack so 8 s · 30 fps is 240, not 239.999…
  const frames = Math.floor((n * fps) / FEATURE_SAMPLE_RATE + 1e-9);
  const bank = melFilterbank(FEATURE_SAMPLE_RATE, fftSize, melBins, fMin, fMax);
  const fft = new FFT(fftSize);
  const half = fftSize / 2;
  const hann = new Float64Array(fftSize);
  for (let i = 0; i < fftSize; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / fftSize);
  const windowed = new Float64Array(fftSize);
  const spectrum = new Float64Array(2 * fftSize);
  const power = new Float64Array(bank.spectrumBins);

  const logMel = new Float32Array(frames * melBins);
  const energy = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    // Index half of a periodic Hann window has weight 1, so the frame's own sample sits there.
    const start = Math.round((f * FEATURE_SAMPLE_RATE) / fps) - half;
    let sumSquares = 0;
    let count = 0;
    for (let i = 0; i < fftSize; i++) {
      const j = start + i;
      if (j < 0 || j >= n) {
        windowed[i] = 0;
        continue;
      }
      const x = samples16k[j] as number;
      sumSquares += x * x;
      count += 1;
      windowed[i] = x * (hann[i] as number);
    }
    // RMS over the samples that exist, so the first and last frames are not 3 dB quiet.
    energy[f] = Math.log(Math.sqrt(sumSquares / Math.max(1, count)) + LOG_FLOOR);

    fft.realTransform(spectrum, windowed);
    for (let k = 0; k < bank.spectrumBins; k++) {
      const re = spectrum[2 * k] as number;
      const im = spectrum[2 * k + 1] as number;
      power[k] = re * re + im * im;
    }
    for (let m = 0; m < melBins; m++) {
      const { firstBin, weights } = bank.filters[m]!;
      let sum = 0;
      for (let w = 0; w < weights.length; w++) sum += (weights[w] as number) * (power[firstBin + w] as number);
      logMel[f * melBins + m] = Math.log(sum + LOG_FLOOR);
    }
  }
  return { frames, melBins, logMel, energy, onset: spectralFlux(logMel, frames, melBins) };
}

/** Half-wave-rectified log-mel flux: only rises count, because an onset is energy
 *  arriving; the decay after it is not a second event. */
function spectralFlux(logMel: Float32Array, frames: number, melBins: number): Float32Array {
  const onset = new Float32Array(frames);
  let max = 0;
  for (let f = 1; f < frames; f++) {
    let sum = 0;
    for (let m = 0; m < melBins; m++) {
      const rise = (logMel[f * melBins + m] as number) - (logMel[(f - 1) * melBins + m] as number);
      if (rise > 0) sum += rise;
    }
    onset[f] = sum / melBins;
    if (onset[f]! > max) max = onset[f]!;
  }
  if (max > 0) for (let f = 0; f < frames; f++) onset[f] = onset[f]! / max;
  return onset;
}
