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
  /** Mono 16-bit little-endian PCM, base64 (8 s at 16 kHz: 256 KB raw, 341 KB as text). */
  pcm16: z.string(),
  /** Peak |amplitude| (0..1, 3 decimals) of each equal slice of the clip, for the waveform. */
  peaks: z.array(z.number().min(0).max(1)).max(4000),
  /** Audio onset times in seconds, ascending: ticks under the timeline. */
  onsets: z.array(z.number().nonnegative()),
});
export type PreviewAudio = z.infer<typeof PreviewAudio>;

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
});
export type PreviewSample = z.infer<typeof PreviewSample>;

export const PreviewHistoryEntry = z.strictObject({ id: PreviewId, step: z.number().int().nonnegative(), branch: z.string(), createdAt: z.string() });
export type PreviewHistoryEntry = z.infer<typeof PreviewHistoryEntry>;
