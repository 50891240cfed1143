/**
 * Forward kinematics for BVH: channel values → joint world positions. Models learn from
 * positions, not Euler angles, because positions have no gimbal wrap-around (179° → -179°)
 * and no per-file rotation order to learn.
 *
 * Conventions (the BVH ones, as MotionBuilder and the CMU conversions use them):
 * - rotations are in degrees, applied in the order the CHANNELS line lists them, as
 *   intrinsic rotations: "Zrotation Xrotation Yrotation" means R = Rz · Rx · Ry;
 * - a joint's local translation is its OFFSET plus any position channels it has
 *   (a root usually has OFFSET 0, so its positions are absolute);
 * - world = parentWorld · Translate(local) · R, right-handed, Y is up.
 * End Sites are not joints: they carry no channels, so a model would only learn constants.
 */
import { channelStarts, type BvhMotion, type BvhSkeleton, type ChannelName } from './bvh-parse.js';

const DEG = Math.PI / 180;

/** Frames per second for a frame time; snaps 0.0083333 s to 120 (not 120.0005) but keeps NTSC 29.97. */
export function fpsOf(frameTime: number): number {
  const fps = 1 / frameTime;
  const rounded = Math.round(fps);
  return Math.abs(fps - rounded) < 1e-4 * rounded ? rounded : fps;
}

/**
 * Joint world positions: Float32Array of frameCount × joints × 3, in the file's units.
 * Pass `channelData` of another motion with the same skeleton to pose it instead.
 */
export function forwardKinematics(motion: BvhMotion): Float32Array {
  return poseFrames(motion.skeleton, motion.channelData, motion.frameCount);
}

/** The rest pose (every channel zero): joints × 3 positions, plus End Site positions. */
export function restPose(skeleton: BvhSkeleton): { joints: Float32Array; endSites: number[][] } {
  const joints = poseFrames(skeleton, new Float32Array(countChannels(skeleton)), 1);
  const endSites: number[][] = [];
  skeleton.endSites.forEach((site, j) => {
    if (!site) return;
    // At rest every rotation is the identity, so an End Site is its joint plus its offset.
    endSites.push([joints[j * 3]! + site[0], joints[j * 3 + 1]! + site[1], joints[j * 3 + 2]! + site[2]]);
  });
  return { joints, endSites };
}

function countChannels(skeleton: BvhSkeleton): number {
  return skeleton.channels.reduce((n, c) => n + c.length, 0);
}

type Op = { kind: 'rot'; axis: 0 | 1 | 2; index: number } | { kind: 'pos'; axis: 0 | 1 | 2; index: number };

function compileOps(skeleton: BvhSkeleton): Op[][] {
  const starts = channelStarts(skeleton);
  return skeleton.channels.map((list, j) =>
    list.map((name: ChannelName, c) => ({
      kind: name.endsWith('rotation') ? ('rot' as const) : ('pos' as const),
      axis: (name[0] === 'X' ? 0 : name[0] === 'Y' ? 1 : 2) as 0 | 1 | 2,
      index: starts[j]! + c,
    })),
  );
}

function poseFrames(skeleton: BvhSkeleton, data: Float32Array, frames: number): Float32Array {
  const n = skeleton.names.length;
  const width = countChannels(skeleton);
  const ops = compileOps(skeleton);
  const out = new Float32Array(frames * n * 3);
  // Float64 scratch: world rotations (row-major 3×3) and positions for one frame.
  const rot = new Float64Array(n * 9);
  const pos = new Float64Array(n * 3);
  const local = new Float64Array(9);
  const tmp = new Float64Array(9);

  for (let f = 0; f < frames; f++) {
    const base = f * width;
    for (let j = 0; j < n; j++) {
      const offset = skeleton.offsets[j]!;
      let tx = offset[0];
      let ty = offset[1];
      let tz = offset[2];
      setIdentity(local);
      for (const op of ops[j]!) {
        const v = data[base + op.index]!;
        if (op.kind === 'pos') {
          if (op.axis === 0) tx += v;
          else if (op.axis === 1) ty += v;
          else tz += v;
        } else {
          // Intrinsic: each later rotation multiplies on the right.
          rotateRight(local, op.axis, v * DEG, tmp);
        }
      }
      const p = skeleton.parents[j]!;
      if (p < 0) {
        pos[j * 3] = tx;
        pos[j * 3 + 1] = ty;
        pos[j * 3 + 2] = tz;
        rot.set(local, j * 9);
      } else {
        const r = p * 9;
        pos[j * 3] = pos[p * 3]! + rot[r]! * tx + rot[r + 1]! * ty + rot[r + 2]! * tz;
        pos[j * 3 + 1] = pos[p * 3 + 1]! + rot[r + 3]! * tx + rot[r + 4]! * ty + rot[r + 5]! * tz;
        pos[j * 3 + 2] = pos[p * 3 + 2]! + rot[r + 6]! * tx + rot[r + 7]! * ty + rot[r + 8]! * tz;
        multiplyInto(rot, r, local, j * 9);
      }
    }
    out.set(pos, f * n * 3);
  }
  return out;
}

function setIdentity(m: Float64Array): void {
  m.fill(0);
  m[0] = m[4] = m[8] = 1;
}

/** m ← m · R_axis(angle). */
function rotateRight(m: Float64Array, axis: 0 | 1 | 2, angle: number, tmp: Float64Array): void {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  tmp.set(m);
  for (let row = 0; row < 3; row++) {
    const a = tmp[row * 3]!;
    const b = tmp[row * 3 + 1]!;
    const d = tmp[row * 3 + 2]!;
    if (axis === 0) {
      m[row * 3 + 1] = b * c + d * s;
      m[row * 3 + 2] = -b * s + d * c;
    } else if (axis === 1) {
      m[row * 3] = a * c - d * s;
      m[row * 3 + 2] = a * s + d * c;
    } else {
      m[row * 3] = a * c + b * s;
      m[row * 3 + 1] = -a * s + b * c;
    }
  }
}

/** rot[at..] ← rot[parentAt..] · local. */
function multiplyInto(rot: Float64Array, parentAt: number, local: Float64Array, at: number): void {
  for (let i = 0; i < 3; i++) {
    const a = rot[parentAt + i * 3]!;
    const b = rot[parentAt + i * 3 + 1]!;
    const c = rot[parentAt + i * 3 + 2]!;
    for (let k = 0; k < 3; k++) {
      rot[at + i * 3 + k] = a * local[k]! + b * local[3 + k]! + c * local[6 + k]!;
    }
  }
}

/**
 * Resamples frame data (frames × width values, e.g. positions with width = joints × 3)
 * from `fromFps` to `toFps` by linear interpolation. The clip keeps its duration: output
 * frame i is at time i / toFps, up to the last input frame's time. Linear is enough for
 * positions; it would be wrong for Euler angles, which is why we resample after FK.
 */
export function resampleFrames(data: Float32Array, width: number, fromFps: number, toFps = 30): Float32Array {
  const frames = width === 0 ? 0 : data.length / width;
  if (frames <= 1 || fromFps === toFps) return data.slice();
  const duration = (frames - 1) / fromFps;
  // The epsilon keeps 2752 frames at 120 fps from losing its last frame to rounding.
  const outFrames = Math.floor(duration * toFps + 1e-6) + 1;
  const out = new Float32Array(outFrames * width);
  for (let i = 0; i < outFrames; i++) {
    const src = Math.min((i * fromFps) / toFps, frames - 1);
    const lo = Math.floor(src);
    const hi = Math.min(lo + 1, frames - 1);
    const t = src - lo;
    const a = lo * width;
    const b = hi * width;
    const o = i * width;
    for (let k = 0; k < width; k++) out[o + k] = data[a + k]! + (data[b + k]! - data[a + k]!) * t;
  }
  return out;
}
