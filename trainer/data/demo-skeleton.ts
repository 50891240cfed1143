/**
 * The demo speaker's skeleton: an upper body of 13 joints in centimetres, proportioned for
 * a ~170 cm adult (hips at 95 cm in the motion, head top at 170 cm). Rest pose: standing,
 * arms hanging, facing +Z, left = +X — the CMU/MotionBuilder orientation — so the demo
 * looks right in the same viewers as user files.
 */
import type { BvhSkeleton, ChannelName } from './bvh-parse.js';

const ROOT_CHANNELS: ChannelName[] = ['Xposition', 'Yposition', 'Zposition', 'Zrotation', 'Xrotation', 'Yrotation'];
const JOINT_CHANNELS: ChannelName[] = ['Zrotation', 'Xrotation', 'Yrotation'];

/** Joint indices, in depth-first order (the order the BVH file lists them). */
export const J = {
  hips: 0,
  spine: 1,
  chest: 2,
  neck: 3,
  head: 4,
  leftShoulder: 5,
  leftUpperArm: 6,
  leftForearm: 7,
  leftHand: 8,
  rightShoulder: 9,
  rightUpperArm: 10,
  rightForearm: 11,
  rightHand: 12,
} as const;

/** Hips height above the floor in the motion (the rest pose keeps the root at 0). */
export const HIPS_HEIGHT_CM = 95;

export function demoSkeleton(): BvhSkeleton {
  const joints: [string, number, [number, number, number], [number, number, number] | null][] = [
    ['Hips', -1, [0, 0, 0], null],
    ['Spine', J.hips, [0, 10, 0], null],
    ['Chest', J.spine, [0, 20, 0], null],
    ['Neck', J.chest, [0, 20, 0], null],
    ['Head', J.neck, [0, 10, 0], [0, 15, 0]],
    ['LeftShoulder', J.chest, [3, 15, 0], null],
    ['LeftUpperArm', J.leftShoulder, [15, 0, 0], null],
    ['LeftForearm', J.leftUpperArm, [0, -28, 0], null],
    ['LeftHand', J.leftForearm, [0, -25, 0], [0, -18, 0]],
    ['RightShoulder', J.chest, [-3, 15, 0], null],
    ['RightUpperArm', J.rightShoulder, [-15, 0, 0], null],
    ['RightForearm', J.rightUpperArm, [0, -28, 0], null],
    ['RightHand', J.rightForearm, [0, -25, 0], [0, -18, 0]],
  ];
  return {
    names: joints.map((j) => j[0]),
    parents: joints.map((j) => j[1]),
    offsets: joints.map((j) => [...j[2]]),
    channels: joints.map((_, i) => [...(i === 0 ? ROOT_CHANNELS : JOINT_CHANNELS)]),
    endSites: joints.map((j) => (j[3] ? [...j[3]] : null)),
  };
}
