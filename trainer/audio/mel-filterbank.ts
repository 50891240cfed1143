/**
 * Mel filterbank for the audio features. Slaney-style, the same as librosa's default
 * (`librosa.filters.mel(htk=False, norm='slaney')`): mel scale linear below 1 kHz and
 * logarithmic above, triangles normalised to equal area. We match librosa on purpose:
 * audio-to-motion papers and their pretrained encoders compute log-mels that way, so a
 * user comparing against a Python pipeline sees the same numbers (up to framing).
 */

/** Slaney's linear region: 200/3 Hz per mel below 1 kHz. */
const LINEAR_HZ_PER_MEL = 200 / 3;
const LOG_START_HZ = 1000;
const LOG_START_MEL = LOG_START_HZ / LINEAR_HZ_PER_MEL; // 15
/** Above 1 kHz, 27 mels per factor of 6.4 in frequency. */
const MELS_PER_LOG_HZ = 27 / Math.log(6.4);

export function hzToMel(hz: number): number {
  return hz < LOG_START_HZ ? hz / LINEAR_HZ_PER_MEL : LOG_START_MEL + Math.log(hz / LOG_START_HZ) * MELS_PER_LOG_HZ;
}

export function melToHz(mel: number): number {
  return mel < LOG_START_MEL ? mel * LINEAR_HZ_PER_MEL : LOG_START_HZ * Math.exp((mel - LOG_START_MEL) / MELS_PER_LOG_HZ);
}

export interface MelFilterbank {
  melBins: number;
  /** FFT bins 0..fftSize/2 that the filters read. */
  spectrumBins: number;
  /** Each filter is nonzero on a short run of FFT bins; storing only that run makes
   *  applying the bank ~20× cheaper than a dense melBins × spectrumBins product. */
  filters: { firstBin: number; weights: Float32Array }[];
  /** Centre frequency of each mel bin, Hz (where its triangle peaks). */
  centresHz: Float64Array;
}

export function melFilterbank(sampleRate: number, fftSize: number, melBins: number, fMin: number, fMax: number): MelFilterbank {
  const spectrumBins = fftSize / 2 + 1;
  // melBins + 2 edges equally spaced in mel: filter m rises from edge m, peaks at m+1, falls to m+2.
  const edges = new Float64Array(melBins + 2);
  const lo = hzToMel(fMin);
  const hi = hzToMel(fMax);
  for (let i = 0; i < edges.length; i++) edges[i] = melToHz(lo + ((hi - lo) * i) / (melBins + 1));

  const filters: MelFilterbank['filters'] = [];
  for (let m = 0; m < melBins; m++) {
    const left = edges[m] as number;
    const centre = edges[m + 1] as number;
    const right = edges[m + 2] as number;
    // Slaney normalisation: each triangle has area 1 (in Hz), so wide high bands do not
    // dominate just for collecting more FFT bins.
    const norm = 2 / (right - left);
    const dense: number[] = [];
    let firstBin = -1;
    for (let k = 0; k < spectrumBins; k++) {
      const hz = (k * sampleRate) / fftSize;
      const w = Math.max(0, Math.min((hz - left) / (centre - left), (right - hz) / (right - centre)));
      if (w > 0) {
        if (firstBin < 0) firstBin = k;
        dense[k - firstBin] = w * norm;
      } else if (firstBin >= 0) break;
    }
    // A filter narrower than one FFT bin catches nothing; say so instead of emitting a
    // bin that is the log floor forever.
    if (firstBin < 0) {
      throw new RangeError(`mel bin ${m} (${left.toFixed(0)}–${right.toFixed(0)} Hz) falls between FFT bins; use fewer mel bins or a larger fftSize`);
    }
    filters.push({ firstBin, weights: Float32Array.from(dense) });
  }
  return { melBins, spectrumBins, filters, centresHz: edges.slice(1, melBins + 1) };
}
