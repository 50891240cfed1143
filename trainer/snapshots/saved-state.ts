/**
 * state.json of a snapshot: everything besides the tensors that a resumed run needs to draw
 * the same batches, masks and learning rates as the uninterrupted one. Checked on read, so a
 * snapshot from a different layout is refused by name rather than half loaded.
 */
import { z } from 'zod';
import { Controls, StagePlan, StagePosition } from '../protocol.js';

export const SavedState = z.object({
  step: z.number().int().nonnegative(),
  /** With `step`, the metrics cursor: the branch's log holds this snapshot's history up to `step`. */
  branch: z.string().default('main'),
  controls: Controls,
  plan: StagePlan,
  stage: StagePosition,
  /** The run's RNG (batches, warps, LRD mask seeds) as it stood after `step` steps. */
  rngState: z.number().int(),
  /** Updates each parameter's moments have had (bias correction is per parameter). */
  optimizerSteps: z.record(z.string(), z.number().int().nonnegative()),
  lossScaler: z.object({ scale: z.number(), cleanSteps: z.number(), skipped: z.number() }).nullable(),
  /** Where the GAN power ramp began, so it continues rather than restarting. */
  ganSince: z.number().int().nullable().default(null),
  /** The step the run grew to its level at (null: it started there), so a fade in progress goes on. */
  growthSince: z.number().int().nullable().default(null),
});
export type SavedState = z.infer<typeof SavedState>;
