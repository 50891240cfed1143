import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forwardKinematics, fpsOf, resampleFrames, restPose } from './bvh-kinematics.js';
import { parseBvh } from './bvh-parse.js';
import { CMU_01_01, HAS_CMU, TINY_BVH, skipNote } from './test-fixtures.js';

function joint(positions: Float32Array, joints: number, frame: number, j: number): number[] {
  const at = (frame * joints + j) * 3;
  return Array.from(positions.slice(at, at + 3));
}

describe('forward kinematics', () => {
  it('applies rotations intrinsically in the order the CHANNELS line lists them', () => {
    // Frame 2 sets Z = 90 and X = 90 on the root. Intrinsic Z-then-X (Rz·Rx) turns the
    // Chest offset (0, 10, 0) into (0, 0, 10); extrinsic would give (-10, 0, 0).
    const m = parseBvh(TINY_BVH, 'tiny.bvh');
    const p = forwardKinematics(m);
    expect(joint(p, 2, 0, 0)).toEqual([0, 90, 0]);
    expect(joint(p, 2, 0, 1)).toEqual([0, 100, 0]);
    expect(joint(p, 2, 1, 0)).toEqual([1, 90, 0]);
    joint(p, 2, 1, 1).forEach((v, k) => expect(v).toBeCloseTo([1, 90, 10][k]!, 5));

    // The same values under "X then Z" mean Rx·Rz: a different pose.
    const swapped = parseBvh(TINY_BVH.replace('Zrotation Xrotation Yrotation\n\tJOINT', 'Xrotation Zrotation Yrotation\n\tJOINT'), 'swapped.bvh');
    const q = forwardKinematics(swapped);
    joint(q, 2, 1, 1).forEach((v, k) => expect(v).toBeCloseTo([1 - 10, 90, 0][k]!, 5));
  });

  it('adds position channels to the OFFSET, and rotates children by the parent chain', () => {
    const text = TINY_BVH.replace('ROOT Hips\n{\n\tOFFSET 0 0 0', 'ROOT Hips\n{\n\tOFFSET 5 0 0')
      .replace('0 90 0 0 0 0 0 0 0\n1 90 0 90 90 0 0 0 0', '0 0 0 0 0 0 0 0 0\n0 0 0 0 0 0 0 0 0');
    const p = forwardKinematics(parseBvh(text, 'offset.bvh'));
    expect(joint(p, 2, 0, 0)).toEqual([5, 0, 0]);
    expect(joint(p, 2, 0, 1)).toEqual([5, 10, 0]);
  });

  it('gives the rest pose with End Sites', () => {
    const { joints, endSites } = restPose(parseBvh(TINY_BVH, 'tiny.bvh').skeleton);
    expect(Array.from(joints)).toEqual([0, 0, 0, 0, 10, 0]);
    expect(endSites).toEqual([[0, 15, 0]]);
  });

  it.skipIf(!HAS_CMU)(`poses CMU 01_01: 31 joints per frame, root where its channels say, bones rigid${skipNote(CMU_01_01, HAS_CMU)}`, () => {
    const m = parseBvh(readFileSync(CMU_01_01, 'utf8'), '01_01.bvh');
    const p = forwardKinematics(m);
    const J = 31;
    expect(p).toHaveLength(m.frameCount * J * 3);
    expect(p.every(Number.isFinite)).toBe(true);
    // The root has OFFSET 0, so its world position is its position channels.
    for (const f of [0, 1000, 2751]) {
      expect(joint(p, J, f, 0)).toEqual(Array.from(m.channelData.slice(f * 96, f * 96 + 3)));
    }
    // Rotations never stretch a bone: every joint stays |OFFSET| from its parent.
    const { parents, offsets } = m.skeleton;
    for (const f of [0, 500, 1377, 2751]) {
      for (let j = 1; j < J; j++) {
        const a = joint(p, J, f, j);
        const b = joint(p, J, f, parents[j]!);
        const bone = Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
        expect(bone).toBeCloseTo(Math.hypot(...offsets[j]!), 3);
      }
    }
    // The subject stands upright (Y up): the head is well above the feet in every frame.
    const head = m.skeleton.names.indexOf('Head');
    const foot = m.skeleton.names.indexOf('LeftFoot');
    for (let f = 0; f < m.frameCount; f += 100) expect(joint(p, J, f, head)[1]! - joint(p, J, f, foot)[1]!).toBeGreaterThan(15);
  });
});

describe('resampling', () => {
  it('snaps frame times to whole frame rates', () => {
    expect(fpsOf(0.0083333)).toBe(120);
    expect(fpsOf(1 / 30)).toBe(30);
    expect(fpsOf(0.04)).toBe(25);
    expect(fpsOf(0.007)).toBeCloseTo(142.857, 3);
    expect(fpsOf(1.001 / 30)).toBeCloseTo(29.97, 2);
  });

  it('interpolates linearly and keeps the duration', () => {
    const data = Float32Array.from([0, 10, 20, 30, 40]); // 1 value per frame at 4 fps
    expect(Array.from(resampleFrames(data, 1, 4, 8))).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
    expect(Array.from(resampleFrames(data, 1, 4, 2))).toEqual([0, 20, 40]);
    expect(Array.from(resampleFrames(data, 1, 4, 3))).toEqual([0, 40 / 3, 80 / 3, 40].map(Math.fround));
  });

  it.skipIf(!HAS_CMU)(`takes CMU 01_01 from 120 to 30 fps with a quarter of the frames${skipNote(CMU_01_01, HAS_CMU)}`, () => {
    const m = parseBvh(readFileSync(CMU_01_01, 'utf8'), '01_01.bvh');
    const p = forwardKinematics(m);
    const r = resampleFrames(p, 31 * 3, fpsOf(m.frameTime), 30);
    const frames = r.length / (31 * 3);
    expect(frames).toBe(688); // (2752 − 1) / 4 + 1: the last frame at 22.925 s is kept
    expect(Math.abs(frames - m.frameCount / 4)).toBeLessThanOrEqual(1);
    // 120/30 is a whole ratio, so every output frame is an input frame.
    expect(joint(r, 31, 100, 7)).toEqual(joint(p, 31, 400, 7));
  });
});
