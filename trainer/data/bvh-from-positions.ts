/**
 * Generated joint positions → BVH rotations, so generated motion opens in Blender and
 * MotionBuilder on the dataset's own skeleton (names, offsets, channel orders, End Sites).
 *
 * Models generate positions (see motion-features.ts), and a BVH stores rotations against a
 * rest pose. Walking the hierarchy top-down with accumulated world rotations, each joint
 * gets the local rotation that turns its rest bone directions (OFFSETs) onto the generated
 * ones: the minimal swing for one bone, a best-fit rotation (Horn) for several, identity
 * for a leaf — positions say nothing about a leaf's own rotation. Bone lengths always come
 * from the rest skeleton, so motion whose bones stretch is re-posed with rest lengths.
 *
 * Zero-length bones (CMU's LHipJoint, LowerBack, LeftShoulder: OFFSET 0 0 0) carry no
 * direction, so a joint looks through them to the first joints that do. The pelvis then
 * turns as a whole instead of leaving all of its rotation to three coincident children.
 *
 * Each child is fitted against the rotation actually written (angles as float32 degrees,
 * re-composed), so rounding and joints that cannot express a rotation (fewer than three
 * rotation channels) do not compound down the chain: the children absorb what they can.
 */
import {
  IDENTITY, eulerToMatrix, fitRotation, length, matrixToEuler, multiply, normalize, swingBetween,
  transposeApply, type Axis, type Mat3, type Vec3,
} from './bvh-from-positions-math.js';
import { channelStarts, totalChannels, type BvhMotion, type BvhSkeleton } from './bvh-parse.js';

export interface PositionsToBvhOptions {
  /** Frames per second of the generated motion; becomes the file's Frame Time. */
  fps: number;
  /** File units per body height: generated positions are in body heights, OFFSETs in file units. */
  bodyHeight: number;
  /**
   * Root joint world position per frame (frames × 3, file units). Generated positions are
   * root-relative, so without it the root stays at its rest position.
   */
  rootTrajectory?: Float32Array;
}

const DEG = 180 / Math.PI;
// Below this an angle is float noise of an unrotated bone; a clean 0 keeps files readable.
const SNAP_DEGREES = 1e-9;

/** A descendant whose bone direction this joint's rotation controls, with its rest vector in this joint's frame. */
interface Target {
  joint: number;
  rest: Vec3;
}

interface JointPlan {
  targets: Target[];
  /** 'swing' when the rest vectors are collinear: a best fit could not tell the twist apart. */
  mode: 'none' | 'swing' | 'fit';
  rotation: { index: number; axis: Axis }[];
  /** Channel indices (within the frame) and axes that receive Euler angles. */
  solveAxes: [Axis, Axis, Axis] | null;
  solveSlots: number[];
  position: { index: number; axis: Axis }[];
}

/**
 * Positions (frames × joints × 3, body heights, root-relative) → BVH motion on `skeleton`.
 * Input positions for joints past the first root are taken relative to joint 0, as
 * positionsToFeatures produces them.
 */
export function positionsToBvh(
  positions: Float32Array,
  frames: number,
  skeleton: BvhSkeleton,
  options: PositionsToBvhOptions,
): BvhMotion {
  const n = skeleton.names.length;
  const { fps, bodyHeight, rootTrajectory } = options;
  if (!Number.isInteger(frames) || frames < 0) throw new Error(`positionsToBvh: frames must be a whole number ≥ 0, got ${frames}`);
  if (positions.length !== frames * n * 3) {
    throw new Error(`positionsToBvh: expected ${frames} frames × ${n} joints × 3 = ${frames * n * 3} values, got ${positions.length}`);
  }
  if (!(fps > 0) || !(bodyHeight > 0)) throw new Error(`positionsToBvh: fps and bodyHeight must be positive, got ${fps} and ${bodyHeight}`);
  if (rootTrajectory && rootTrajectory.length !== frames * 3) {
    throw new Error(`positionsToBvh: rootTrajectory needs ${frames} × 3 values, got ${rootTrajectory.length}`);
  }

  const plans = planJoints(skeleton);
  const width = totalChannels(skeleton);
  const data = new Float32Array(frames * width);
  const world: Mat3[] = new Array<Mat3>(n);
  const at = (f: number, j: number): Vec3 => {
    const o = (f * n + j) * 3;
    return [positions[o]!, positions[o + 1]!, positions[o + 2]!];
  };

  for (let f = 0; f < frames; f++) {
    const row = f * width;
    const root = at(f, 0);
    for (let j = 0; j < n; j++) {
      const plan = plans[j]!;
      const parent = skeleton.parents[j]!;
      const parentWorld = parent < 0 ? IDENTITY : world[parent]!;
      const here = at(f, j);
      const local = solveLocal(plan, here, (d) => at(f, d), parentWorld);
      world[j] = multiply(parentWorld, writeRotation(plan, local, data, row, f > 0 ? row - width : -1));

      if (parent < 0) {
        const base: Vec3 = rootTrajectory
          ? [rootTrajectory[f * 3]!, rootTrajectory[f * 3 + 1]!, rootTrajectory[f * 3 + 2]!]
          : [...skeleton.offsets[0]!];
        // A position channel adds to the OFFSET, so it holds the difference.
        for (const { index, axis } of plan.position) {
          data[row + index] = base[axis] + (here[axis] - root[axis]) * bodyHeight - skeleton.offsets[j]![axis];
        }
      }
      // Position channels on other joints stay 0: bones keep their rest lengths.
    }
  }
  return { skeleton, frameTime: 1 / fps, frameCount: frames, channelData: data };
}

/** The local rotation (in the parent's frame) that points this joint's bones at the generated joints. */
function solveLocal(plan: JointPlan, here: Vec3, pos: (j: number) => Vec3, parentWorld: readonly number[]): Mat3 {
  if (plan.mode === 'none') return [...IDENTITY];
  const rest: Vec3[] = [];
  const target: Vec3[] = [];
  for (const t of plan.targets) {
    const p = pos(t.joint);
    const d = transposeApply(parentWorld, [p[0] - here[0], p[1] - here[1], p[2] - here[2]]);
    // Coincident generated joints give no direction; the other bones still decide.
    if (length(d) === 0) continue;
    const u = normalize(d);
    const len = length(t.rest);
    rest.push(t.rest);
    target.push([u[0] * len, u[1] * len, u[2] * len]);
    if (plan.mode === 'swing') return swingBetween(t.rest, d);
  }
  return rest.length === 0 ? [...IDENTITY] : fitRotation(rest, target);
}

/**
 * Writes `local` as Euler degrees into the joint's rotation channels and returns the
 * rotation those float32 values actually encode. `prevRow` (or -1) lets each angle take the
 * 360° turn nearest the previous frame, so curves do not jump from 179° to -179°.
 */
function writeRotation(plan: JointPlan, local: Mat3, data: Float32Array, row: number, prevRow: number): Mat3 {
  if (plan.rotation.length === 0) return [...IDENTITY];
  if (plan.solveAxes) {
    const angles = matrixToEuler(local, plan.solveAxes);
    plan.solveSlots.forEach((slot, k) => {
      if (slot < 0) return;
      let deg = angles[k]! * DEG;
      if (Math.abs(deg) < SNAP_DEGREES) deg = 0;
      if (prevRow >= 0) deg += 360 * Math.round((data[prevRow + slot]! - deg) / 360);
      data[row + slot] = deg;
    });
  }
  const written = plan.rotation.map(({ index }) => data[row + index]! / DEG);
  return eulerToMatrix(
    plan.rotation.map((r) => r.axis),
    written,
  );
}

const AXIS_OF: Record<string, Axis> = { X: 0, Y: 1, Z: 2 };

function planJoints(skeleton: BvhSkeleton): JointPlan[] {
  const children: number[][] = skeleton.names.map(() => []);
  skeleton.parents.forEach((p, j) => {
    if (p >= 0) children[p]!.push(j);
  });
  // "Zero length" is relative to the skeleton's size, whatever its units.
  const scale = Math.max(1e-300, ...skeleton.offsets.map((o) => length(o)));
  const isZero = (v: Vec3): boolean => length(v) <= 1e-9 * scale;
  const starts = channelStarts(skeleton);

  return skeleton.names.map((_, j) => {
    const targets: Target[] = [];
    // At rest every rotation is the identity, so a look-through descendant's rest vector
    // is the sum of the OFFSETs on the way down.
    const collect = (c: number, via: Vec3): void => {
      const o = skeleton.offsets[c]!;
      const rest: Vec3 = [via[0] + o[0], via[1] + o[1], via[2] + o[2]];
      if (!isZero(rest)) targets.push({ joint: c, rest });
      else for (const g of children[c]!) collect(g, rest);
    };
    for (const c of children[j]!) collect(c, [0, 0, 0]);

    const rotation: JointPlan['rotation'] = [];
    const position: JointPlan['position'] = [];
    skeleton.channels[j]!.forEach((name, k) => {
      const entry = { index: starts[j]! + k, axis: AXIS_OF[name[0]!]! };
      (name.endsWith('rotation') ? rotation : position).push(entry);
    });
    const { solveAxes, solveSlots } = solveLayout(rotation);
    return { targets, mode: fitMode(targets, isZero), rotation, solveAxes, solveSlots, position };
  });
}

function fitMode(targets: Target[], isZero: (v: Vec3) => boolean): JointPlan['mode'] {
  if (targets.length === 0) return 'none';
  const first = normalize(targets[0]!.rest);
  const collinear = targets.every((t) => {
    const u = normalize(t.rest);
    return isZero([first[1] * u[2] - first[2] * u[1], first[2] * u[0] - first[0] * u[2], first[0] * u[1] - first[1] * u[0]]);
  });
  if (!collinear) return 'fit';
  // The longest bone moves its end the most for a given direction error.
  targets.sort((a, b) => length(b.rest) - length(a.rest));
  return 'swing';
}

/**
 * Which Euler sequence to solve and which channel each angle goes to. Three rotation
 * channels with no axis repeated back to back are exact. Anything else (one or two
 * rotation channels, "X X Y", more than three) cannot express every rotation: we solve in
 * a full sequence that starts with the joint's own axes and keep the angles it has slots
 * for; the children then correct what was lost.
 */
function solveLayout(rotation: JointPlan['rotation']): Pick<JointPlan, 'solveAxes' | 'solveSlots'> {
  const axes = rotation.map((r) => r.axis);
  if (axes.length === 0) return { solveAxes: null, solveSlots: [] };
  if (axes.length >= 3 && axes[0] !== axes[1] && axes[1] !== axes[2]) {
    return { solveAxes: [axes[0]!, axes[1]!, axes[2]!], solveSlots: rotation.slice(0, 3).map((r) => r.index) };
  }
  const order: Axis[] = [];
  for (const a of [...axes, 0, 1, 2] as Axis[]) if (!order.includes(a)) order.push(a);
  const slots = order.map((a) => rotation.find((r) => r.axis === a)?.index ?? -1);
  return { solveAxes: [order[0]!, order[1]!, order[2]!], solveSlots: slots };
}
