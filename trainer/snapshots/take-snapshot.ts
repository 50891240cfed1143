/**
 * Copies a live model's whole state out between two steps: one safetensors file per layer
 * group, one for the optimizer's moments, and state.json with everything else a resumed run
 * needs to continue exactly (step, controls, plan position, RNG, optimizer step counts, loss
 * scale, GAN ramp, branch and metrics cursor). This copy is the only part of a snapshot that
 * blocks training; writing it happens later, off the training path (snapshot-writer.ts).
 */
import type { Numerics } from '../precision/numerics.js';
import type { Rng } from '../nn/rng.js';
import type { AdamW } from '../nn/adamw.js';
import type { RunFile } from '../project/project-store.js';
import type { RecipeModel } from '../recipes/recipe.js';
import { encodeSafetensors, type NamedTensor } from './safetensors.js';
import { newSnapshotId, type CapturedSnapshot } from './snapshot-writer.js';
import type { SavedState } from './saved-state.js';
import { HEADLINE_LIKENESS, type LikenessReading, type SnapshotInfo } from '../protocol.js';

export interface LiveState {
  step: number;
  /** Kind, reason and label (and for some kinds, whether retention keeps it), as the manifest records them. */
  meta: Pick<SnapshotInfo, 'kind' | 'reason' | 'label' | 'firstInStage' | 'phase'>;
  model: RecipeModel;
  optimizer: AdamW;
  rng: Rng;
  /** Controls, plan, stage position and branch as they are now. */
  run: RunFile;
  numerics: Numerics;
  /** The step GAN was switched on at, while it ramps (null while off). */
  ganSince: number | null;
  /** Where the growth fade began (engine/growth.ts); absent for a model that does not grow. */
  growthSince?: number | null;
  /** The newest likeness the model reported and which series it is, for the snapshot list. */
  likeness: LikenessReading | null;
}

export function captureSnapshot(live: LiveState): CapturedSnapshot {
  const groups = new Map<string, NamedTensor[]>();
  for (const param of live.model.params.all()) {
    const list = groups.get(param.group) ?? [];
    list.push({ name: param.name, shape: param.variable.shape, data: param.variable.dataSync() as Float32Array });
    groups.set(param.group, list);
  }
  const files = new Map<string, Uint8Array>();
  for (const [group, tensors] of groups) files.set(`${group}.safetensors`, encodeSafetensors(tensors, { format: 'pt' }));
  const moments = [...live.optimizer.moments()].map(([name, v]) => ({ name, shape: v.shape, data: v.dataSync() as Float32Array }));
  files.set('optimizer.safetensors', encodeSafetensors(moments, { format: 'pt' }));
  const branch = live.run.branch;
  const state: SavedState = {
    step: live.step,
    branch,
    controls: live.run.controls,
    plan: live.run.plan,
    stage: live.run.stage,
    rngState: live.rng.state,
    optimizerSteps: live.optimizer.stepCounts(),
    lossScaler: live.numerics.scaler?.state() ?? null,
    ganSince: live.ganSince,
    growthSince: live.growthSince ?? null,
  };
  files.set('state.json', Buffer.from(JSON.stringify(state, null, 2)));
  return {
    info: { id: newSnapshotId(live.step), step: live.step, ...live.meta, createdAt: new Date().toISOString(), branch, ...likenessFields(live.likeness) },
    files,
  };
}

/** The score, and its series when the recipe names one (the headline alone says nothing about which part it scores). */
function likenessFields(reading: LikenessReading | null): Pick<SnapshotInfo, 'likeness' | 'likenessSeries'> {
  if (reading === null) return { likeness: null };
  return { likeness: reading.value, ...(reading.phase !== HEADLINE_LIKENESS ? { likenessSeries: reading.phase } : {}) };
}
