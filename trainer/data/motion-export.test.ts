import { describe, expect, it } from 'vitest';
import { forwardKinematics } from './bvh-kinematics.js';
import { parseBvh } from './bvh-parse.js';
import { generateGestureClip } from './demo-gestures.js';
import { estimateBodyHeight } from './motion-features.js';
import { exportMotionBvh, exportMotionJson, type MotionJson } from './motion-export.js';

/** The demo speaker as the model would generate it: root-relative, in body heights. */
function generated(): { positions: Float32Array; frames: number; bodyHeight: number; m: ReturnType<typeof generateGestureClip> } {
  const m = generateGestureClip({ seed: 4, seconds: 2 });
  const world = forwardKinematics(m);
  const n = m.skeleton.names.length;
  const bodyHeight = estimateBodyHeight(m.skeleton);
  const positions = new Float32Array(world.length);
  for (let o = 0; o < world.length; o++) {
    const root = o - (o % (n * 3)) + (o % 3);
    positions[o] = (world[o]! - world[root]!) / bodyHeight;
  }
  return { positions, frames: m.frameCount, bodyHeight, m };
}

describe('exportMotionJson', () => {
  it('writes valid JSON: fps, joints with parents, frames × joints × [x, y, z] in body heights', () => {
    const { positions, frames, m } = generated();
    const { names, parents } = m.skeleton;
    const text = exportMotionJson(positions, frames, names, parents, 30);
    const doc = JSON.parse(text) as MotionJson;
    expect(doc).toMatchObject({ format: 'stagecraft-motion', version: 1, unit: 'body-height', fps: 30 });
    expect(doc.joints).toEqual(names.map((name, j) => ({ name, parent: parents[j] })));
    expect(doc.frames).toHaveLength(frames);
    for (const frame of doc.frames) {
      expect(frame).toHaveLength(names.length);
      for (const xyz of frame) expect(xyz).toHaveLength(3);
    }
    // Values read back as the very float32 the model produced.
    expect(Float32Array.from(doc.frames.flat(2))).toEqual(positions);
    expect(doc.frames[0]![0]).toEqual([0, 0, 0]);
  });

  it('writes an empty clip as an empty frame list', () => {
    const doc = JSON.parse(exportMotionJson(new Float32Array(0), 0, ['Hips'], [-1], 25)) as MotionJson;
    expect(doc.frames).toEqual([]);
    expect(doc.fps).toBe(25);
  });

  it('refuses mismatched sizes, bad parents and non-finite positions, saying which', () => {
    expect(() => exportMotionJson(new Float32Array(5), 1, ['A', 'B'], [-1, 0], 30)).toThrow(/1 frames × 2 joints × 3 = 6 values, got 5/);
    expect(() => exportMotionJson(new Float32Array(6), 1, ['A', 'B'], [-1], 30)).toThrow(/2 joint names but 1 parents/);
    expect(() => exportMotionJson(new Float32Array(6), 1, ['A', 'B'], [-1, 1], 30)).toThrow(/joint 1 has an invalid parent 1/);
    expect(() => exportMotionJson(new Float32Array([0, 0, 0, 0, NaN, 0]), 1, ['A', 'B'], [-1, 0], 30)).toThrow(/frame 0 joint 'B' is not finite/);
  });
});

describe('exportMotionBvh', () => {
  it('writes BVH text on the dataset skeleton that reads back to the generated positions', () => {
    const { positions, frames, bodyHeight, m } = generated();
    const text = exportMotionBvh(positions, frames, m.skeleton, { fps: 30, bodyHeight });
    const back = parseBvh(text, 'exported.bvh');
    expect(back.skeleton).toEqual(m.skeleton);
    expect(back.frameCount).toBe(frames);
    const world = forwardKinematics(back);
    const n = m.skeleton.names.length;
    let worst = 0;
    for (let o = 0; o < world.length; o++) {
      const root = o - (o % (n * 3)) + (o % 3);
      worst = Math.max(worst, Math.abs((world[o]! - world[root]!) / bodyHeight - positions[o]!));
    }
    expect(worst).toBeLessThan(1e-5);
    // No trajectory given: the root stays where the rest pose has it.
    for (let f = 0; f < frames; f++) expect(Array.from(world.subarray(f * n * 3, f * n * 3 + 3))).toEqual([0, 0, 0]);
  });

  it('keeps rest bone lengths when generated bones stretch, pointing them the generated way', () => {
    const { positions, frames, bodyHeight, m } = generated();
    const stretched = positions.map((v) => v * 1.1);
    const world = forwardKinematics(parseBvh(exportMotionBvh(stretched, frames, m.skeleton, { fps: 30, bodyHeight }), 's.bvh'));
    const { parents, offsets } = m.skeleton;
    const n = parents.length;
    for (let f = 0; f < frames; f += 7) {
      for (let j = 1; j < n; j++) {
        const p = parents[j]!;
        const at = (k: number, a: number): number => world[(f * n + k) * 3 + a]!;
        const bone = [0, 1, 2].map((a) => at(j, a) - at(p, a));
        const want = [0, 1, 2].map((a) => stretched[(f * n + j) * 3 + a]! - stretched[(f * n + p) * 3 + a]!);
        const len = Math.hypot(...bone);
        expect(len).toBeCloseTo(Math.hypot(...offsets[j]!), 3);
        const cos = bone.reduce((s, v, a) => s + v * want[a]!, 0) / (len * Math.hypot(...want));
        expect(cos).toBeGreaterThan(1 - 1e-9);
      }
    }
  });
});
