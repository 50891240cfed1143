/**
 * Onset times from an onset-strength curve, for the beat-alignment metric (do motion
 * accents land on audio accents?). Peak picking follows librosa's `onset_detect`
 * (`util.peak_pick`): a frame is an onset when it is the local maximum, stands above the
 * local mean by `delta`, and is far enough from the previous onset.
 */

export interface OnsetPeakOptions {
  /** Seconds before/after a frame within which it must be the maximum (librosa: 0.03 / 0). */
  preMax?: number;
  postMax?: number;
  /** Seconds before/after a frame averaged for the adaptive threshold (librosa: 0.1 / 0.1). */
  preAvg?: number;
  postAvg?: number;
  /** How far above the local mean a peak must stand, in onset units (normalised: 0..1). */
  delta?: number;
  /** Minimum spacing between onsets, seconds: one hit rings for a few frames, and
   *  ~100 ms is below the spacing of any played rhythm (16ths at 150 bpm are 100 ms). */
  minSpacing?: number;
}

/** Onset times in seconds (frame f → f / fps, the frame's centre), ascending. */
export function onsetTimes(onset: Float32Array, fps: number, options: OnsetPeakOptions = {}): number[] {
  const frames = (seconds: number, atLeast: number): number => Math.max(atLeast, Math.round(seconds * fps));
  const preMax = frames(options.preMax ?? 0.03, 1);
  const postMax = frames(options.postMax ?? 0.03, 1);
  const preAvg = frames(options.preAvg ?? 0.1, 1);
  const postAvg = frames(options.postAvg ?? 0.1, 1);
  const delta = options.delta ?? 0.07;
  const wait = frames(options.minSpacing ?? 0.1, 1);
  const n = onset.length;
  const at = (i: number): number => onset[i] as number;

  const times: number[] = [];
  let last = -Infinity;
  for (let f = 0; f < n; f++) {
    const value = at(f);
    // Strictly above the previous frame, so a flat plateau yields one onset, not several.
    if (value <= 0 || (f > 0 && value <= at(f - 1))) continue;
    let isMax = true;
    for (let i = Math.max(0, f - preMax); i <= Math.min(n - 1, f + postMax) && isMax; i++) isMax = at(i) <= value;
    if (!isMax) continue;
    let sum = 0;
    const from = Math.max(0, f - preAvg);
    const to = Math.min(n - 1, f + postAvg);
    for (let i = from; i <= to; i++) sum += at(i);
    if (value < sum / (to - from + 1) + delta) continue;
    if (f - last < wait) continue;
    times.push(f / fps);
    last = f;
  }
  return times;
}
