import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eulerToMatrix, matrixToEuler, multiply, type Axis } from './bvh-from-positions-math.js';
import { positionsToBvh } from './bvh-from-positions.js';
import { forwardKinematics, fpsOf, resampleFrames, restPose } from './bvh-kinematics.js';
import { channelStarts, parseBvh, type BvhSkeleton, type ChannelName } from './bvh-parse.js';
import { writeBvh } from './bvh-write.js';
import { generateGestureClip } from './demo-gestures.js';
import { demoSkeleton } from './demo-skeleton.js';
import { estimateBodyHeight } from './motion-features.js';
import { mulberry32 } from './seeded-random.js';
import { CMU_01_01, HAS_CMU, skipNote } from './test-fixtures.js';

/** World positions (file units) → root-relative body heights, as the model generates them. */
function rootRelative(world: Float32Array, joints: number, bodyHeight: number): Float32Array {
  const out = new Float32Array(world.length);
  for (let o = 0; o < world.length; o += 3) {
    const r = o - (o % (joints * 3));
    for (let a = 0; a < 3; a++) out[o + a] = (world[o + a]! - world[r + a]!) / bodyHeight;
  }
  return out;
}

function rootTrack(world: Float32Array, joints: number): Float32Array {
  const frames = world.length / (joints * 3);
  const out = new Float32Array(frames * 3);
  for (let f = 0; f < frames; f++) out.set(world.subarray(f * joints * 3, f * joints * 3 + 3), f * 3);
  return out;
}

function maxDistance(a: Float32Array, b: Float32Array): number {
  expect(b.length).toBe(a.length);
  let worst = 0;
  for (let o = 0; o < a.length; o += 3) worst = Math.max(worst, Math.hypot(a[o]! - b[o]!, a[o + 1]! - b[o + 1]!, a[o + 2]! - b[o + 2]!));
  return worst;
}

/**
 * The acceptance path: positions → positionsToBvh → writeBvh → parseBvh → FK.
 * Returns the worst joint error in body heights, root-relative and absolute.
 */
function roundTrip(world: Float32Array, skeleton: BvhSkeleton, fps: number, label: string): { relative: number; absolute: number } {
  const n = skeleton.names.length;
  const frames = world.length / (n * 3);
  const bodyHeight = estimateBodyHeight(skeleton);
  const generated = rootRelative(world, n, bodyHeight);
  const motion = positionsToBvh(generated, frames, skeleton, { fps, bodyHeight, rootTrajectory: rootTrack(world, n) });
  const back = parseBvh(writeBvh(motion), `${label}.bvh`);
  expect(back.frameCount).toBe(frames);
  expect(fpsOf(back.frameTime)).toBe(fps);
  const again = forwardKinematics(back);
  const relative = maxDistance(generated, rootRelative(again, n, bodyHeight));
  const absolute = maxDistance(world, again) / bodyHeight;
  console.log(`${label}: ${frames} frames × ${n} joints, max error ${relative.toExponential(2)} body heights (absolute ${absolute.toExponential(2)})`);
  return { relative, absolute };
}

const TAIT_BRYAN = ['XYZ', 'XZY', 'YXZ', 'YZX', 'ZXY', 'ZYX'];
const PROPER = ['XYX', 'XZX', 'YXY', 'YZY', 'ZXZ', 'ZYZ'];
const axesOf = (order: string): [Axis, Axis, Axis] => [...order].map((c) => 'XYZ'.indexOf(c)) as [Axis, Axis, Axis];
const rotationChannels = (order: string): ChannelName[] => [...order].map((c) => `${c}rotation` as ChannelName);

function expectSameMatrix(a: number[], b: number[], tolerance: number): void {
  a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(tolerance));
}

describe('positionsToBvh', () => {
  it('re-imports the demo speaker to the same joint positions within 1% of body height', () => {
    const m = generateGestureClip({ seed: 11, seconds: 8 });
    const { relative, absolute } = roundTrip(forwardKinematics(m), m.skeleton, 30, 'demo speaker');
    expect(relative).toBeLessThan(0.01);
    expect(absolute).toBeLessThan(0.01);
  });

  it.skipIf(!HAS_CMU)(`re-imports CMU 01_01 (31 joints, 30 fps) within 1% of body height${skipNote(CMU_01_01, HAS_CMU)}`, () => {
    const m = parseBvh(readFileSync(CMU_01_01, 'utf8'), '01_01.bvh');
    const n = m.skeleton.names.length;
    expect(n).toBe(31);
    const world = resampleFrames(forwardKinematics(m), n * 3, fpsOf(m.frameTime), 30);
    const { relative, absolute } = roundTrip(world, m.skeleton, 30, 'CMU 01_01');
    expect(relative).toBeLessThan(0.01);
    expect(absolute).toBeLessThan(0.01);
  });

  it('gives zero angles for the rest pose, and keeps the root at rest without a trajectory', () => {
    const skeleton = demoSkeleton();
    const rest = restPose(skeleton).joints;
    const n = skeleton.names.length;
    const frames = 3;
    const positions = new Float32Array(frames * n * 3);
    for (let f = 0; f < frames; f++) positions.set(rootRelative(rest, n, 170), f * n * 3);
    const motion = positionsToBvh(positions, frames, skeleton, { fps: 30, bodyHeight: 170 });
    expect(Array.from(motion.channelData).every((v) => v === 0)).toBe(true);
    expect(maxDistance(forwardKinematics(motion).subarray(0, n * 3), rest)).toBe(0);
  });

  it('round-trips a random rotation in every Euler channel order, including at gimbal lock', () => {
    const rng = mulberry32(5);
    const random = (): number => (rng() * 2 - 1) * Math.PI;
    for (const order of [...TAIT_BRYAN, ...PROPER]) {
      const axes = axesOf(order);
      for (const angles of [[random(), random(), random()], [random(), order[0] === order[2] ? 0 : Math.PI / 2, random()]]) {
        const r = eulerToMatrix(axes, angles);
        const decoded = matrixToEuler(r, axes);
        expectSameMatrix(eulerToMatrix(axes, decoded), r, 1e-12);
      }
    }
  });

  it('writes each joint in its own channel order: a posed skeleton with every order comes back', () => {
    const rng = mulberry32(9);
    for (const order of [...TAIT_BRYAN, ...PROPER]) {
      // Root and Arm each have three non-collinear bones, so their rotations are fully
      // determined by positions and must come back as the same matrices.
      const skeleton: BvhSkeleton = {
        names: ['Hips', 'Arm', 'A1', 'A2', 'A3', 'Leg', 'Head'],
        parents: [-1, 0, 1, 1, 1, 0, 0],
        offsets: [[0, 0, 0], [10, 0, 0], [0, 5, 0], [0, 0, 5], [4, 0, 0], [0, -10, 0], [0, 8, 2]],
        channels: [
          ['Xposition', 'Yposition', 'Zposition', ...rotationChannels(order)],
          ...Array.from({ length: 6 }, () => rotationChannels(order)),
        ],
        endSites: [null, null, [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, -1, 0], [0, 1, 0]],
      };
      const width = 6 + 6 * 3;
      const original = new Float32Array(width).map((_, c) => (c < 3 ? 0 : (rng() * 2 - 1) * 170));
      const motion = { skeleton, frameTime: 1 / 30, frameCount: 1, channelData: original };
      const world = forwardKinematics(motion);
      const exported = positionsToBvh(rootRelative(world, 7, 20), 1, skeleton, { fps: 30, bodyHeight: 20, rootTrajectory: new Float32Array(3) });
      const back = parseBvh(writeBvh(exported), `${order}.bvh`);
      expect(maxDistance(forwardKinematics(back), world)).toBeLessThan(1e-3);
      const starts = channelStarts(skeleton);
      const worldRotations = (data: Float32Array): number[] => {
        const local = (j: number): number[] => {
          const from = starts[j]! + (j === 0 ? 3 : 0);
          return eulerToMatrix(axesOf(order), Array.from(data.subarray(from, from + 3), (d) => (d * Math.PI) / 180));
        };
        return [...local(0), ...multiply(local(0), local(1))];
      };
      expectSameMatrix(worldRotations(back.channelData), worldRotations(original), 1e-5);
    }
  });

  it('keeps Euler curves continuous: a full turn does not jump from 180° to -180°', () => {
    const skeleton: BvhSkeleton = {
      names: ['Hips', 'Tip', 'Side'],
      parents: [-1, 0, 0],
      offsets: [[0, 0, 0], [0, 0, 10], [0, 5, 0]],
      channels: [['Xposition', 'Yposition', 'Zposition', 'Zrotation', 'Xrotation', 'Yrotation'], [], []],
      endSites: [null, [0, 0, 1], [0, 1, 0]],
    };
    const frames = 40;
    const positions = new Float32Array(frames * 9);
    for (let f = 0; f < frames; f++) {
      const a = (f / (frames - 1)) * 2.5 * Math.PI;
      positions.set([0, 0, 0, Math.sin(a), 0, Math.cos(a), 0, 0.5, 0], f * 9);
    }
    const motion = positionsToBvh(positions, frames, skeleton, { fps: 30, bodyHeight: 10 });
    const yaw = Array.from({ length: frames }, (_, f) => motion.channelData[f * 6 + 5]!);
    for (let f = 1; f < frames; f++) expect(Math.abs(yaw[f]! - yaw[f - 1]!)).toBeLessThan(30);
    expect(yaw[frames - 1]! - yaw[0]!).toBeCloseTo(450, 3);
    expect(maxDistance(rootRelative(forwardKinematics(motion), 3, 10), positions)).toBeLessThan(1e-5);
  });

  it('lets children absorb a rotation their parent cannot express (a joint with one rotation channel)', () => {
    const skeleton: BvhSkeleton = {
      names: ['Hips', 'Hinge', 'Tip'],
      parents: [-1, 0, 1],
      offsets: [[0, 0, 0], [0, 10, 0], [0, 10, 0]],
      channels: [['Xposition', 'Yposition', 'Zposition'], ['Zrotation'], ['Zrotation', 'Xrotation', 'Yrotation']],
      endSites: [null, null, [0, 5, 0]],
    };
    // Hinge can only bend about Z; Tip still lands where asked because Root cannot turn
    // either, so the only bend needed is Hinge's (0 → 10 → (10, 10)): a 90° bend about Z.
    const positions = new Float32Array([0, 0, 0, 0, 1, 0, 1, 1, 0]);
    const motion = positionsToBvh(positions, 1, skeleton, { fps: 30, bodyHeight: 10 });
    expect(motion.channelData[3]).toBeCloseTo(-90, 4);
    expect(maxDistance(rootRelative(forwardKinematics(motion), 3, 10), positions)).toBeLessThan(1e-6);
  });

  it('rejects positions that do not match the skeleton, naming the sizes', () => {
    expect(() => positionsToBvh(new Float32Array(5), 1, demoSkeleton(), { fps: 30, bodyHeight: 1 })).toThrow(/13 joints × 3 = 39 values, got 5/);
    expect(() => positionsToBvh(new Float32Array(39), 1, demoSkeleton(), { fps: 30, bodyHeight: 1, rootTrajectory: new Float32Array(6) })).toThrow(/rootTrajectory/);
  });
});
