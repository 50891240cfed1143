/**
 * Motion previews (trainer/previews/). Part of the contract that trainer/protocol.ts exports
 * whole: imports only zod and its sibling parts.
 */
import { z } from 'zod';
import { SnapshotId } from './runs.js';

/** A preview's id in its run's sample history: the step, 8 digits, then the branch unless 'main'. */
export const PreviewId = z.string().regex(/^\d{8}(-[a-z0-9-]{1,40})?$/);

/**
 * The clip's audio for playback and display. PCM travels inside the event (not as a URL) so a
 * preview plays the same in Electron and in serve mode, local or remote.
 */
export const PreviewAudio = z.strictObject({
  sampleRate: z.number().int().positive(),
  /**
   * Mono 16-bit little-endian PCM, base64 (8 s at 16 kHz: 256 KB raw, 341 KB as text). Absent
   * from a streamed preview (an automatic one, sent unasked): a clip's sound is the same at every
   * step, so a window keeps it from the first answer that carried it (preview/get) instead of
   * receiving it again every few steps.
   */
  pcm16: z.string().optional(),
  /** Peak |amplitude| (0..1, 3 decimals) of each equal slice of the clip, for the waveform. */
  peaks: z.array(z.number().min(0).max(1)).max(4000),
  /** Audio onset times in seconds, ascending: ticks under the timeline. */
  onsets: z.array(z.number().nonnegative()),
});
export type PreviewAudio = z.infer<typeof PreviewAudio>;

/**
 * How one clip's generated motion measures against its own ground truth, worked out by the
 * trainer when it makes the preview (trainer/previews/preview-scores.ts) so every window shows
 * the same numbers. Null where a number is undefined (nothing moves: no velocity power).
 */
export const PreviewScores = z.strictObject({
  /** Pose likeness, %: 0 = no closer than the mean pose, 100 = the ground truth (trainer/metrics/pose-likeness.ts). */
  likeness: z.number().min(0).max(100),
  /** Share (0–1) of the generated motion's joint-velocity power above 4 Hz: wobble a person sees as shaking. */
  wobble: z.number().min(0).max(1).nullable(),
  /** The same share for the clip's ground truth: what "as smooth as the data" is. */
  truthWobble: z.number().min(0).max(1).nullable(),
  /** Mean jerk of the generated motion, body heights per second³ (root-relative joints). */
  jerk: z.number().nonnegative().nullable(),
  truthJerk: z.number().nonnegative().nullable(),
});
export type PreviewScores = z.infer<typeof PreviewScores>;

/**
 * A further validation clip of the same preview, for the grid: its motion, numbers and audio
 * (peaks and onsets; its PCM only in an answer that asked for this clip: preview/get `clip`).
 */
export const PreviewClip = z.strictObject({
  clip: z.string(),
  frames: z.number().int().positive(),
  /** frames × joints × 3, base64 little-endian float32, as the lead clip's. */
  generated: z.string(),
  truth: z.string(),
  scores: PreviewScores.nullable(),
  audio: PreviewAudio.nullable(),
});
export type PreviewClip = z.infer<typeof PreviewClip>;

/** At most this many validation clips per preview (the lead and three more): the grid's tiles. */
export const PREVIEW_GRID_CLIPS = 4;

/**
 * Generated motion for a fixed validation clip beside its ground truth. Joint positions are
 * frames × joints × 3 (body heights, y up) as base64 little-endian float32: exact, and about a
 * third of the size of the same numbers as JSON text.
 */
export const PreviewSample = z.strictObject({
  /** Its place in the run's sample history; absent for a snapshot's preview, which is not kept. */
  id: PreviewId.optional(),
  /** The model's step when it generated the motion (the snapshot's step for a snapshot). */
  step: z.number().int().nonnegative(),
  branch: z.string(),
  snapshotId: SnapshotId.optional(),
  createdAt: z.string(),
  /** The validation clip's name, e.g. 'clip-000': the same every time, so previews compare. */
  clip: z.string(),
  fps: z.number().positive(),
  frames: z.number().int().positive(),
  /** Parent joint of each joint (-1 for the root): the skeleton's bones. */
  parents: z.array(z.number().int().min(-1)).max(512),
  generated: z.string(),
  truth: z.string(),
  /** Null when the clip has no WAV beside it (motion-only data). */
  audio: PreviewAudio.nullable(),
  /** The lead clip's numbers; absent in previews kept before they were measured. */
  scores: PreviewScores.nullable().optional(),
  /**
   * The next validation clips (the same ones every time), without audio, so a person judges the
   * model on more than one clip; absent in previews kept before the grid (one clip).
   */
  more: z.array(PreviewClip).max(PREVIEW_GRID_CLIPS - 1).optional(),
});
export type PreviewSample = z.infer<typeof PreviewSample>;

export const PreviewHistoryEntry = z.strictObject({ id: PreviewId, step: z.number().int().nonnegative(), branch: z.string(), createdAt: z.string() });
export type PreviewHistoryEntry = z.infer<typeof PreviewHistoryEntry>;

/** What a branch's lineage needs of the run's branches (BranchInfo). */
interface BranchFork {
  name: string;
  parent: string;
  forkStep: number;
}

/**
 * The sample history a branch shows, oldest first: its own previews, and before them its
 * ancestors' up to the step each fork was made at — the same history its charts show (see
 * trainer/project/branches.ts). Where an ancestor and a branch nearer the one asked for both
 * have a preview at a step (the fork step), the nearer one's is shown. Both sides use this: the
 * window to pick the strip's chips and to decide whether a live preview belongs on screen.
 */
export function branchPreviewHistory<T extends { step: number; branch: string }>(entries: readonly T[], branches: readonly BranchFork[], branch: string): T[] {
  const upTo = branchUpTo(branches, branch);
  const nearest = new Map<number, T>();
  for (const entry of entries) {
    const limit = upTo.get(entry.branch);
    if (limit === undefined || entry.step > limit.step) continue;
    const seen = nearest.get(entry.step);
    if (!seen || (upTo.get(seen.branch)?.depth ?? Infinity) > limit.depth) nearest.set(entry.step, entry);
  }
  return [...nearest.values()].sort((a, b) => a.step - b.step);
}

/** Whether a preview of `entry.branch` at `entry.step` is part of what `branch` shows. */
export function inBranchHistory(entry: { step: number; branch: string }, branches: readonly BranchFork[], branch: string): boolean {
  const limit = branchUpTo(branches, branch).get(entry.branch);
  return limit !== undefined && entry.step <= limit.step;
}

/** Each branch from `branch` back to main, with the last step of its own that `branch` shows and how many forks away it is. */
function branchUpTo(branches: readonly BranchFork[], branch: string): Map<string, { step: number; depth: number }> {
  const chain = new Map<string, { step: number; depth: number }>();
  let name = branch;
  let step = Infinity;
  // A malformed list (a loop, an unknown parent) ends the chain instead of hanging the window.
  for (let depth = 0; depth < 1000 && !chain.has(name); depth++) {
    chain.set(name, { step, depth });
    const fork = branches.find((b) => b.name === name);
    if (!fork) break;
    step = Math.min(step, fork.forkStep);
    name = fork.parent;
  }
  return chain;
}
