/**
 * A procedural upper-body speaker, so a new user can train something in minutes without
 * finding mocap. The motion is a deterministic function of (seed, beats, nods):
 * - idle: slow weight shift and lean, a slow look-around, breathing in spine and shoulders;
 * - beat gestures: each beat lifts an arm (preparation, peaking 0.12 s before the beat),
 *   strokes it down through the beat with a quick forearm/wrist flick, and retracts;
 * - head nods in pauses, and a small head accent on every stroke.
 * Every term is a sum of sinusoids and Gaussian bumps (σ ≥ 0.07 s ≈ 2 frames at 30 fps),
 * so the motion is smooth by construction, and gestures are tied to events a model can
 * learn to predict (from audio onsets, later).
 *
 * Positions only see joint rotations that move other joints: Hand and Head rotations move
 * only their End Sites. So the visible part of a wrist flick is driven at the Forearm and
 * of a nod at the Neck; the Hand/Head rotations are there for viewers that draw End Sites.
 */
import type { BvhMotion } from './bvh-parse.js';
import { demoSkeleton, HIPS_HEIGHT_CM, J } from './demo-skeleton.js';
import { drawArms, drawBeatSchedule, drawNods, type Arm, type Beat } from './demo-schedule.js';
import { deriveSeed, mulberry32, uniform } from './seeded-random.js';

export interface GestureClipOptions {
  seed: number;
  seconds: number;
  /** Frames per second; 30 by default. */
  fps?: number;
  /** Stroke times and strengths. Drawn from the seed as a speech-like rhythm when absent. */
  beats?: Beat[];
  /** Nod times in seconds. Drawn from the seed, in the pauses between beats, when absent. */
  nods?: number[];
}

export interface GestureEvents {
  beats: Beat[];
  arms: Arm[];
  nods: number[];
}

// Separate streams per concern: passing your own beats changes neither the speaker's
// style nor (for the same beat count) the arms, only what depends on the beats.
const STREAM = { style: 1, beats: 2, arms: 3, nods: 4 } as const;

/** The events a clip will be generated from: the given ones, or ones drawn from the seed. */
export function resolveGestureEvents(opts: GestureClipOptions): GestureEvents {
  const beats = (opts.beats ?? drawBeatSchedule(mulberry32(deriveSeed(opts.seed, STREAM.beats)), opts.seconds))
    .slice()
    .sort((a, b) => a.time - b.time);
  const arms = drawArms(mulberry32(deriveSeed(opts.seed, STREAM.arms)), beats);
  const nods = opts.nods ?? drawNods(mulberry32(deriveSeed(opts.seed, STREAM.nods)), beats, opts.seconds);
  return { beats, arms, nods };
}

interface Style {
  energy: number;
  elbow: number;
  abduction: number;
  swayHz: number[];
  phase: number[];
  breathHz: number;
  lookHz: number;
  turnHz: number;
}

function drawStyle(seed: number): Style {
  const rng = mulberry32(deriveSeed(seed, STREAM.style));
  return {
    energy: uniform(rng, 0.8, 1.2),
    elbow: uniform(rng, -55, -35),
    abduction: uniform(rng, 6, 12),
    swayHz: [uniform(rng, 0.1, 0.18), uniform(rng, 0.25, 0.4), uniform(rng, 0.07, 0.12)],
    phase: Array.from({ length: 8 }, () => uniform(rng, 0, 2 * Math.PI)),
    breathHz: uniform(rng, 0.2, 0.3),
    lookHz: uniform(rng, 0.05, 0.1),
    turnHz: uniform(rng, 0.03, 0.07),
  };
}

const TAU = 2 * Math.PI;
const LIFT_LEAD_S = 0.12;
const LIFT_SIGMA_S = 0.2;
const FLICK_SIGMA_S = 0.07;
const NOD_SIGMA_S = 0.13;

function bump(t: number, centre: number, sigma: number): number {
  const x = (t - centre) / sigma;
  return x * x > 40 ? 0 : Math.exp(-0.5 * x * x);
}

/** How raised each arm is (lift) and how much it is snapping (flick) at time t. */
function armDrive(t: number, events: GestureEvents, energy: number) {
  const d = { liftL: 0, liftR: 0, flickL: 0, flickR: 0 };
  events.beats.forEach((b, i) => {
    const lift = b.strength * energy * bump(t, b.time - LIFT_LEAD_S, LIFT_SIGMA_S);
    const flick = b.strength * bump(t, b.time, FLICK_SIGMA_S);
    const arm = events.arms[i] ?? 'right';
    if (arm !== 'right') {
      d.liftL += lift;
      d.flickL += flick;
    }
    if (arm !== 'left') {
      d.liftR += lift;
      d.flickR += flick;
    }
  });
  // Overlapping strokes hold the arm up rather than lifting it through the ceiling.
  d.liftL = 1.2 * Math.tanh(d.liftL / 1.2);
  d.liftR = 1.2 * Math.tanh(d.liftR / 1.2);
  d.flickL = Math.tanh(d.flickL);
  d.flickR = Math.tanh(d.flickR);
  return d;
}

function nodDrive(t: number, nods: readonly number[]): number {
  // Down, then a small rebound above neutral, as a real nod settles.
  let n = 0;
  for (const at of nods) n += bump(t, at, NOD_SIGMA_S) - 0.35 * bump(t, at + 0.32, 0.12);
  return n;
}

/** A clip of the demo speaker as BVH motion (centimetres, degrees). */
export function generateGestureClip(opts: GestureClipOptions): BvhMotion {
  const fps = opts.fps ?? 30;
  const skeleton = demoSkeleton();
  const events = resolveGestureEvents(opts);
  const style = drawStyle(opts.seed);
  const frameCount = Math.max(1, Math.round(opts.seconds * fps));
  const width = 6 + (skeleton.names.length - 1) * 3;
  const data = new Float32Array(frameCount * width);
  const [f1, f2, f3] = style.swayHz as [number, number, number];
  const ph = style.phase;
  const p = (i: number): number => ph[i] ?? 0;

  for (let f = 0; f < frameCount; f++) {
    const t = f / fps;
    const row = f * width;
    // Joint j ≥ 1 has channels Z, X, Y at 6 + (j-1)·3; three decimals keep files compact.
    const set = (j: number, z: number, x: number, y: number): void => {
      const at = row + 6 + (j - 1) * 3;
      data[at] = round3(z);
      data[at + 1] = round3(x);
      data[at + 2] = round3(y);
    };
    const sway = Math.sin(TAU * f1 * t + p(0));
    const sway2 = Math.sin(TAU * f2 * t + p(1));
    const breath = Math.sin(TAU * style.breathHz * t + p(2));
    const look = Math.sin(TAU * style.lookHz * t + p(3)) + 0.4 * Math.sin(TAU * 2.3 * style.lookHz * t + p(4));
    const turn = Math.sin(TAU * style.turnHz * t + p(5));
    const arms = armDrive(t, events, style.energy);
    const nod = nodDrive(t, events.nods);
    const accent = 0.5 * (arms.flickL + arms.flickR);

    // Hips: weight shift side to side with a matching pelvis tilt, a slow turn.
    data[row] = round3(1.2 * sway + 0.5 * sway2);
    data[row + 1] = round3(HIPS_HEIGHT_CM + 0.3 * breath);
    data[row + 2] = round3(0.8 * Math.sin(TAU * f3 * t + p(6)));
    data[row + 3] = round3(-1.2 * sway);
    data[row + 4] = round3(0.5 * Math.sin(TAU * f3 * t + p(7)));
    data[row + 5] = round3(5 * turn);

    // Spine and chest: breathing, a counter-lean that keeps the head over the hips, and
    // the chest turning toward the gesturing arm.
    set(J.spine, 0.4 * sway, 1 + 0.6 * breath, 0);
    set(J.chest, 0.8 * sway, -1.2 * breath, -3 * (arms.liftL - arms.liftR));
    set(J.neck, 0.3 * sway, 2 + 9 * nod + 1.5 * accent, 3 * look);
    set(J.head, 2 * Math.sin(TAU * style.lookHz * 1.7 * t + p(6)), 5 * nod + 2 * accent, 6 * look);

    for (const side of [1, -1] as const) {
      const lift = side === 1 ? arms.liftL : arms.liftR;
      const flick = side === 1 ? arms.flickL : arms.flickR;
      const [shoulder, upper, fore, hand] =
        side === 1
          ? [J.leftShoulder, J.leftUpperArm, J.leftForearm, J.leftHand]
          : [J.rightShoulder, J.rightUpperArm, J.rightForearm, J.rightHand];
      // Signs mirror: +Z rotation raises/abducts the left (+X) side, lowers the right.
      set(shoulder, side * (1 + 1.0 * breath + 3 * lift), 0, 0);
      set(upper, side * (style.abduction + 8 * lift + 0.8 * sway2), -8 - 20 * lift, side * -10 * lift);
      set(fore, 0, style.elbow - 40 * lift + 10 * flick, side * 5 * lift);
      set(hand, side * 3 * lift, -20 * flick, 0);
    }
  }
  return { skeleton, frameTime: 1 / fps, frameCount, channelData: data };
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
