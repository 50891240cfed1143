/**
 * BeatAlign: do the motion's beats land on the speech's beats?
 *
 * Motion beats are local minima of joint speed — the moments a gesture "hits" and pauses,
 * as in BEAT/EMAGE. Audio beats are onset times in seconds, supplied by the caller.
 *
 *   score = mean over beats x in X of exp(−min_{y in Y} (x − y)² / (2σ²))
 *
 * CONVENTION (read before comparing with papers). Two directions exist in the literature:
 * - 'motion-to-audio' (DEFAULT here; AI Choreographer/FACT's paper formula): X = motion
 *   beats, Y = audio onsets. Asks "is each gesture beat near some onset?", so motion that
 *   pauses everywhere (jitter) is penalised.
 * - 'audio-to-motion' (what EMAGE's and BEAT's released code computes in `GAHR(pose_bt,
 *   audio_bt, σ)`, and what Bailando averages over): X = audio onsets, Y = motion beats.
 *   Asks "is each onset accompanied by a motion beat?"; jittery motion scores high.
 * EMAGE's code further uses σ = 0.3 s, finds beats per upper-body joint (argrelextrema
 * with order 7 at 30 fps, masked by a speed threshold) and averages the per-joint scores.
 * We use σ = 0.1 s and ONE speed curve (mean over all joints), so our numbers track
 * progress within Stagecraft but are not comparable with published EMAGE/BEAT tables.
 * Empty sets score 0 (EMAGE likewise counts a joint with no beats as 0).
 */
export type BeatAlignDirection = 'motion-to-audio' | 'audio-to-motion';

export interface BeatAlignOptions {
  /** Tolerance of the Gaussian, seconds. */
  sigma?: number;
  direction?: BeatAlignDirection;
}

export interface MotionBeatOptions {
  /** Gaussian smoothing of the speed curve, in frames: removes per-frame jitter, not gestures. */
  smoothingFrames?: number;
  /** A beat must be strictly slower than every frame within ± this many seconds. */
  windowSeconds?: number;
  /** Ignore minima slower than this (body heights/s): resting still is not a beat. */
  minSpeed?: number;
  /**
   * A beat's prominence (how far the speed rises on both sides before it falls below the
   * minimum again, as scipy's peak_prominences measures it) must be at least this share of
   * the clip's mean speed: a wobble's shallow dips are not gesture beats.
   */
  minProminence?: number;
}

export function beatAlign(motionBeatTimes: readonly number[], audioOnsets: readonly number[], options: BeatAlignOptions = {}): number {
  const sigma = options.sigma ?? 0.1;
  const audioToMotion = options.direction === 'audio-to-motion';
  const from = audioToMotion ? audioOnsets : motionBeatTimes;
  const to = audioToMotion ? motionBeatTimes : audioOnsets;
  if (from.length === 0 || to.length === 0) return 0;
  let sum = 0;
  for (const x of from) {
    let nearest = Infinity;
    for (const y of to) nearest = Math.min(nearest, Math.abs(x - y));
    sum += Math.exp(-(nearest * nearest) / (2 * sigma * sigma));
  }
  return sum / from.length;
}

/** BeatAlign of one clip of positions (frames × joints × 3) against audio onsets in seconds. */
export function beatAlignScore(
  positions: Float32Array,
  joints: number,
  fps: number,
  audioOnsets: readonly number[],
  options: BeatAlignOptions & MotionBeatOptions = {},
): number {
  return beatAlign(motionBeats(positions, joints, fps, options), audioOnsets, options);
}

/** Motion beat times in seconds (frame index / fps): strict local minima of smoothed speed. */
export function motionBeats(positions: Float32Array, joints: number, fps: number, options: MotionBeatOptions = {}): number[] {
  const speed = smooth(jointSpeed(positions, joints, fps), options.smoothingFrames ?? 1);
  const order = Math.max(1, Math.round((options.windowSeconds ?? 0.1) * fps));
  const minSpeed = options.minSpeed ?? 0;
  const last = speed.length - 1;
  const minRise = (options.minProminence ?? 0) * (speed.reduce((a, b) => a + b, 0) / Math.max(1, speed.length));
  const beats: number[] = [];
  for (let f = 0; f <= last; f++) {
    const s = speed[f]!;
    if (s < minSpeed) continue;
    let isMinimum = true;
    // Neighbours past the ends clamp to the end frame, as argrelextrema's mode='clip':
    // an end frame compares with itself and so is never a beat (its context is unknown).
    for (let k = 1; k <= order && isMinimum; k++) {
      isMinimum = s < speed[Math.max(0, f - k)]! && s < speed[Math.min(last, f + k)]!;
    }
    if (isMinimum && (minRise <= 0 || prominence(speed, f) >= minRise)) beats.push(f / fps);
  }
  return beats;
}

/** How far the speed rises on both sides of the minimum at `f` before it drops below it again: the lower of the two rises. */
function prominence(speed: Float64Array, f: number): number {
  const s = speed[f]!;
  const rise = (step: number) => {
    let highest = s;
    for (let i = f + step; i >= 0 && i < speed.length && speed[i]! >= s; i += step) highest = Math.max(highest, speed[i]!);
    return highest - s;
  };
  return Math.min(rise(-1), rise(1));
}

/**
 * Mean joint speed per frame, body heights per second. Central differences (one-sided at
 * the ends) so sample f describes frame f itself: a forward difference would put every
 * beat half a frame (17 ms) late.
 */
export function jointSpeed(positions: Float32Array, joints: number, fps: number): Float64Array {
  const stride = joints * 3;
  const frames = stride > 0 ? positions.length / stride : 0;
  if (!Number.isInteger(frames)) throw new Error(`positions of ${positions.length} values are not frames × ${joints} × 3`);
  const speed = new Float64Array(frames);
  if (frames < 2) return speed;
  for (let f = 0; f < frames; f++) {
    const a = Math.max(0, f - 1);
    const b = Math.min(frames - 1, f + 1);
    let sum = 0;
    for (let j = 0; j < joints; j++) {
      const pa = a * stride + j * 3;
      const pb = b * stride + j * 3;
      sum += Math.hypot(positions[pb]! - positions[pa]!, positions[pb + 1]! - positions[pa + 1]!, positions[pb + 2]! - positions[pa + 2]!);
    }
    speed[f] = (sum / joints) * (fps / (b - a));
  }
  return speed;
}

/** Symmetric Gaussian smoothing (edge values repeated), so it never shifts a minimum. */
function smooth(signal: Float64Array, sigmaFrames: number): Float64Array {
  if (sigmaFrames <= 0) return signal;
  const radius = Math.ceil(3 * sigmaFrames);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigmaFrames ** 2)));
  const norm = kernel.reduce((a, b) => a + b, 0);
  const last = signal.length - 1;
  return signal.map((_, f) => {
    let sum = 0;
    for (let i = -radius; i <= radius; i++) sum += kernel[i + radius]! * signal[Math.min(last, Math.max(0, f + i))]!;
    return sum / norm;
  });
}
