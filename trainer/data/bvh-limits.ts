/**
 * How large a BVH file the trainer reads. Real captures sit far inside these (CMU: 31 joints,
 * 96 channels, a few thousand frames at 120 fps; full-body rigs with fingers and a face: a few
 * hundred joints); a file beyond them is refused with a sentence before it can exhaust the
 * stack (deep nesting) or memory (a header claiming 10^15 frames, 10^6 joints).
 */

/** A file larger than this is refused before it is read: about 13 minutes of a 100-joint rig at 120 fps. */
export const BVH_MAX_BYTES = 256 * 2 ** 20;
/** JOINTs nested inside each other; deep finger and face chains reach about 20. */
export const BVH_MAX_DEPTH = 100;
/** Joints in one skeleton. */
export const BVH_MAX_JOINTS = 1024;
/** CHANNELS of one joint: three positions and three rotations. */
export const BVH_MAX_CHANNELS_PER_JOINT = 6;
/** Values in the MOTION section (frames × channels): 256 MB as float32. */
export const BVH_MAX_VALUES = 64 * 2 ** 20;
/** Frames in one clip: over two hours at 120 fps, if Frame Time allows it. */
export const BVH_MAX_FRAMES = 1_000_000;
/** One clip's length in seconds; a longer recording is split into takes. */
export const BVH_MAX_SECONDS = 3600;
/** Seconds per frame: 10,000 fps at the fast end, a frame every 10 s at the slow end. */
export const BVH_MIN_FRAME_TIME = 1e-4;
export const BVH_MAX_FRAME_TIME = 10;
/** Frame lines may disagree with "Frames:" by this many (real exporters are off by one); more is an error. */
export const BVH_FRAME_COUNT_SLACK = 2;
