import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forwardKinematics } from './bvh-kinematics.js';
import { parseBvh } from './bvh-parse.js';
import { formatFloat32, writeBvh } from './bvh-write.js';
import { generateGestureClip } from './demo-gestures.js';
import { CMU_01_01, HAS_CMU, TINY_BVH, skipNote } from './test-fixtures.js';

describe('writeBvh', () => {
  it('writes floats with the fewest digits that read back identically', () => {
    for (const v of [0, -0, 1, -17, 0.1, 12.345, 1e-8, -3.4e38, 9.3722, 123456.789, Math.PI]) {
      const text = formatFloat32(v);
      expect(Object.is(Math.fround(Number(text)), Math.fround(v))).toBe(true);
    }
    expect(formatFloat32(12.345)).toBe('12.345');
    expect(formatFloat32(0.1)).toBe('0.1');
    expect(formatFloat32(-0)).toBe('-0');
  });

  it('round-trips a small file: same skeleton, channels and positions', () => {
    const m = parseBvh(TINY_BVH, 'tiny.bvh');
    const back = parseBvh(writeBvh(m), 'tiny-written.bvh');
    expect(back.skeleton).toEqual(m.skeleton);
    expect(back.frameTime).toBe(m.frameTime);
    expect(back.channelData).toEqual(m.channelData);
    expect(forwardKinematics(back)).toEqual(forwardKinematics(m));
  });

  it('round-trips the demo speaker exactly, and writing is stable', () => {
    const m = generateGestureClip({ seed: 3, seconds: 2 });
    const text = writeBvh(m);
    const back = parseBvh(text, 'demo.bvh');
    expect(forwardKinematics(back)).toEqual(forwardKinematics(m));
    expect(writeBvh(back)).toBe(text);
  });

  it.skipIf(!HAS_CMU)(`round-trips CMU 01_01 to identical positions${skipNote(CMU_01_01, HAS_CMU)}`, () => {
    const m = parseBvh(readFileSync(CMU_01_01, 'utf8'), '01_01.bvh');
    const back = parseBvh(writeBvh(m), '01_01-written.bvh');
    expect(back.skeleton).toEqual(m.skeleton);
    expect(back.frameCount).toBe(2752);
    const a = forwardKinematics(m);
    const b = forwardKinematics(back);
    expect(b.length).toBe(a.length);
    expect(b.every((v, i) => Object.is(v, a[i]))).toBe(true);
  });

  it('refuses a skeleton whose joints are not in file (depth-first) order', () => {
    const m = parseBvh(TINY_BVH, 'tiny.bvh');
    const shuffled = { ...m, skeleton: { ...m.skeleton, parents: [1, -1] } };
    expect(() => writeBvh(shuffled)).toThrow(/depth-first order/);
  });
});
