import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { forwardKinematics } from './bvh-kinematics.js';
import { parseBvh } from './bvh-parse.js';
import { generateGestureClip } from './demo-gestures.js';
import { estimateBodyHeight, featureDimFor, featuresToPositions, motionToFeatures, positionsToFeatures } from './motion-features.js';
import { CMU_01_01, HAS_CMU, skipNote } from './test-fixtures.js';

describe('motion features', () => {
  const clip = generateGestureClip({ seed: 5, seconds: 3 });
  const J = clip.skeleton.names.length;
  const positions = forwardKinematics(clip);

  it('uses the rest-pose height as the unit, whatever the first frame does', () => {
    // Demo: head top (170 − 95 + 95) down to the hanging fingertips: 101 cm.
    expect(estimateBodyHeight(clip.skeleton)).toBeCloseTo(101, 6);
    // It reads only the skeleton: another clip, posed differently, has the same unit.
    const other = generateGestureClip({ seed: 6, seconds: 1, beats: [{ time: 0, strength: 1 }] });
    expect(other.channelData.slice(0, 42)).not.toEqual(clip.channelData.slice(0, 42));
    expect(motionToFeatures(other).bodyHeight).toBe(motionToFeatures(clip).bodyHeight);
  });

  it('is joints × 3 + 3 wide: root-relative joints, then root velocity', () => {
    const H = 101;
    const f = positionsToFeatures(positions, J, H);
    const dim = featureDimFor(J);
    expect(dim).toBe(42);
    expect(f.length).toBe(clip.frameCount * dim);
    const frame = 10;
    const p = (j: number, k: number): number => positions[(frame * J + j) * 3 + k]!;
    expect(f[frame * dim]).toBe(0);
    expect(f[frame * dim + 1]).toBe(0);
    expect(f[frame * dim + 2]).toBe(0);
    expect(f[frame * dim + 3 * 4 + 1]).toBeCloseTo((p(4, 1) - p(0, 1)) / H, 6); // Head above hips
    const prev = (k: number): number => positions[((frame - 1) * J) * 3 + k]!;
    expect(f[frame * dim + J * 3]).toBeCloseTo((p(0, 0) - prev(0)) / H, 6);
    expect(f[frame * dim + J * 3 + 1]).toBeCloseTo((p(0, 1) - prev(1)) / H, 6);
    expect(Array.from(f.slice(J * 3, dim))).toEqual(Array.from(f.slice(dim + J * 3, 2 * dim)));
  });

  it('decodes back to the same positions, given where the root starts, for previews', () => {
    const H = estimateBodyHeight(clip.skeleton);
    const start = [positions[0]! / H, positions[1]! / H, positions[2]! / H] as const;
    const back = featuresToPositions(positionsToFeatures(positions, J, H), J, H, start);
    let worst = 0;
    for (let i = 0; i < positions.length; i++) worst = Math.max(worst, Math.abs(back[i]! - positions[i]!));
    expect(worst).toBeLessThan(1e-3); // cm, after 90 frames of integrated float32 velocity

    // By default the root starts at the origin and previews are in body heights.
    const unit = featuresToPositions(positionsToFeatures(positions, J, H), J);
    expect(Array.from(unit.slice(0, 3))).toEqual([0, 0, 0]);
    expect(unit[4 * 3 + 1]! - unit[1]!).toBeCloseTo((positions[4 * 3 + 1]! - positions[1]!) / H, 5);
  });

  it('carries the skeleton and frame rate with the features', () => {
    const m = motionToFeatures(clip);
    expect(m.jointNames).toEqual(clip.skeleton.names);
    expect(m.parents).toEqual(clip.skeleton.parents);
    expect(m.fps).toBe(30);
    expect(m.frames).toBe(90);
    expect(m.featureDim).toBe(42);
    expect(m.bodyHeight).toBeCloseTo(101, 6);
  });

  it.skipIf(!HAS_CMU)(`turns CMU 01_01 into 30 fps features in body heights${skipNote(CMU_01_01, HAS_CMU)}`, () => {
    const m = motionToFeatures(parseBvh(readFileSync(CMU_01_01, 'utf8'), '01_01.bvh'));
    expect(m.frames).toBe(688);
    expect(m.featureDim).toBe(31 * 3 + 3);
    // Root-relative joints of a standing adult lie within about one body height.
    let maxAbs = 0;
    for (let f = 0; f < m.frames; f++) {
      for (let k = 3; k < 93; k++) maxAbs = Math.max(maxAbs, Math.abs(m.data[f * m.featureDim + k]!));
    }
    expect(maxAbs).toBeGreaterThan(0.3);
    expect(maxAbs).toBeLessThan(1.2);
  });
});
