/**
 * The waveform under the preview's timeline: the peak |amplitude| of each of `buckets` equal
 * slices of the clip. A peak per slice (not a mean) keeps short syllables and claps visible,
 * which is what a person lines motion accents up against.
 */

/** Enough for a crisp waveform across a wide panel; ~6 KB of JSON. */
export const WAVEFORM_BUCKETS = 800;

export function waveformPeaks(samples: Float32Array, buckets = WAVEFORM_BUCKETS): number[] {
  const count = Math.max(0, Math.min(buckets, samples.length));
  const peaks: number[] = [];
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * samples.length) / count);
    const to = Math.floor(((b + 1) * samples.length) / count);
    let peak = 0;
    for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(samples[i] as number));
    peaks.push(Math.round(Math.min(1, peak) * 1000) / 1000);
  }
  return peaks;
}
