import { describe, expect, it } from 'vitest';
import { forwardKinematics } from './bvh-kinematics.js';
import { writeBvh } from './bvh-write.js';
import { generateGestureClip, resolveGestureEvents } from './demo-gestures.js';
import { MIN_BEAT_GAP_S } from './demo-schedule.js';
import { J } from './demo-skeleton.js';

const JOINTS = 13;

/** Largest joint displacement between consecutive frames, and largest second difference. */
function roughness(positions: Float32Array, frames: number): { step: number; jerk: number } {
  let step = 0;
  let jerk = 0;
  for (let f = 1; f < frames; f++) {
    for (let j = 0; j < JOINTS; j++) {
      const at = (f * JOINTS + j) * 3;
      const back = at - JOINTS * 3;
      step = Math.max(step, Math.hypot(positions[at]! - positions[back]!, positions[at + 1]! - positions[back + 1]!, positions[at + 2]! - positions[back + 2]!));
      if (f < 2) continue;
      const back2 = back - JOINTS * 3;
      const d = [0, 1, 2].map((k) => positions[at + k]! - 2 * positions[back + k]! + positions[back2 + k]!);
      jerk = Math.max(jerk, Math.hypot(d[0]!, d[1]!, d[2]!));
    }
  }
  return { step, jerk };
}

function jointY(positions: Float32Array, frame: number, j: number): number {
  return positions[(frame * JOINTS + j) * 3 + 1]!;
}

describe('demo gestures', () => {
  it('is an upper-body speaker: 13 joints, 30 fps, hips 6 channels, Z X Y rotations elsewhere', () => {
    const m = generateGestureClip({ seed: 1, seconds: 8 });
    expect(m.skeleton.names).toHaveLength(JOINTS);
    expect(m.frameCount).toBe(240);
    expect(m.frameTime).toBeCloseTo(1 / 30, 12);
    expect(m.skeleton.channels[0]).toHaveLength(6);
    expect(m.skeleton.channels.slice(1).every((c) => c.join(' ') === 'Zrotation Xrotation Yrotation')).toBe(true);
    const p = forwardKinematics(m);
    // Head top ≈ 170 cm when the hips are at 95 cm.
    expect(jointY(p, 0, J.head) + 15).toBeGreaterThan(165);
    expect(jointY(p, 0, J.head) + 15).toBeLessThan(175);
  });

  it('is deterministic for a seed, byte for byte, and differs between seeds', () => {
    const a = writeBvh(generateGestureClip({ seed: 42, seconds: 4 }));
    expect(writeBvh(generateGestureClip({ seed: 42, seconds: 4 }))).toBe(a);
    expect(writeBvh(generateGestureClip({ seed: 43, seconds: 4 }))).not.toBe(a);
  });

  it('is smooth: no joint moves more than 5 cm or changes speed by more than 1.5 cm between frames', () => {
    // 5 cm per frame at 30 fps is 1.5 m/s, the top of wrist speeds in brisk beat gestures;
    // a pose jump moves a hand tens of cm in one frame. A second difference of 1.5 cm/frame²
    // (13.5 m/s²) allows a real stroke's deceleration but catches even a 2 cm glitch.
    const dense = Array.from({ length: 26 }, (_, i) => ({ time: 0.3 + i * MIN_BEAT_GAP_S, strength: 1 }));
    for (const opts of [...[1, 2, 3, 4, 5].map((seed) => ({ seed, seconds: 8 })), { seed: 9, seconds: 8, beats: dense }]) {
      const m = generateGestureClip(opts);
      const { step, jerk } = roughness(forwardKinematics(m), m.frameCount);
      expect(step).toBeLessThan(5);
      expect(jerk).toBeLessThan(1.5);
    }
  });

  it('moves: hands travel tens of centimetres, the body sways even with no events', () => {
    const busy = generateGestureClip({ seed: 1, seconds: 8 });
    const p = forwardKinematics(busy);
    const ys = Array.from({ length: busy.frameCount }, (_, f) => jointY(p, f, J.rightHand));
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(10);

    const quiet = generateGestureClip({ seed: 1, seconds: 8, beats: [], nods: [] });
    const q = forwardKinematics(quiet);
    const hipsX = Array.from({ length: quiet.frameCount }, (_, f) => q[f * JOINTS * 3]!);
    expect(Math.max(...hipsX) - Math.min(...hipsX)).toBeGreaterThan(0.5);
  });

  it('takes beats and nods as input: a beat lifts a hand just before it lands, a nod drops the head', () => {
    const seed = 11;
    const beats = [{ time: 2, strength: 1 }];
    const base = forwardKinematics(generateGestureClip({ seed, seconds: 4, beats: [], nods: [] }));
    const withBeat = forwardKinematics(generateGestureClip({ seed, seconds: 4, beats, nods: [] }));
    const arm = resolveGestureEvents({ seed, seconds: 4, beats }).arms[0]!;
    const hand = arm === 'left' ? J.leftHand : J.rightHand;
    const peak = Math.round((2 - 0.12) * 30);
    expect(jointY(withBeat, peak, hand) - jointY(base, peak, hand)).toBeGreaterThan(8);
    // Far from the beat the two clips are the same pose.
    expect(Math.abs(jointY(withBeat, 10, hand) - jointY(base, 10, hand))).toBeLessThan(0.01);

    const nodded = forwardKinematics(generateGestureClip({ seed, seconds: 4, beats: [], nods: [1.5] }));
    expect(jointY(base, 45, J.head) - jointY(nodded, 45, J.head)).toBeGreaterThan(0.1);
    const headZ = (p: Float32Array): number => p[(45 * JOINTS + J.head) * 3 + 2]!;
    expect(headZ(nodded) - headZ(base)).toBeGreaterThan(1); // forward, toward +Z
  });

  it('keeps the speaker when beats come from outside (e.g. audio onsets)', () => {
    // Idle motion depends on the seed only, so driving beats from audio later does not
    // change who is speaking: the hips are identical with drawn or given beats.
    const drawn = generateGestureClip({ seed: 8, seconds: 4 });
    const given = generateGestureClip({ seed: 8, seconds: 4, beats: [{ time: 1, strength: 0.5 }] });
    for (let f = 0; f < drawn.frameCount; f++) {
      expect(given.channelData.slice(f * 42, f * 42 + 6)).toEqual(drawn.channelData.slice(f * 42, f * 42 + 6));
    }
  });

  it('draws a speech-like schedule when no beats are given', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { beats, nods, arms } = resolveGestureEvents({ seed, seconds: 8 });
      expect(beats.length).toBeGreaterThanOrEqual(3); // ~1 beat/s while talking, with pauses
      expect(beats.length).toBeLessThanOrEqual(20);
      expect(arms).toHaveLength(beats.length);
      beats.forEach((b, i) => {
        expect(b.time).toBeGreaterThan(0);
        expect(b.time).toBeLessThan(8);
        expect(b.strength).toBeGreaterThan(0.3);
        expect(b.strength).toBeLessThanOrEqual(1);
        if (i > 0) expect(b.time - beats[i - 1]!.time).toBeGreaterThanOrEqual(MIN_BEAT_GAP_S - 1e-9);
      });
      nods.forEach((n) => expect(beats.every((b) => Math.abs(b.time - n) > 0.25)).toBe(true));
    }
  });
});
