/**
 * Copies a live model's state out between two steps and writes it as a snapshot:
 * one safetensors file per layer group, one for the optimizer, and a small state.json.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotInfo } from '../protocol.js';
import type { Numerics } from '../engine/numerics.js';
import type { Rng } from '../engine/rng.js';
import type { AdamW } from '../nn/adamw.js';
import type { RunFile } from '../project/project-store.js';
import type { RecipeModel } from '../recipes/recipe.js';
import type { NamedTensor } from './safetensors.js';
import { writeSnapshot } from './snapshot-writer.js';

export interface LiveState {
  step: number;
  reason: string;
  label: string;
  model: RecipeModel;
  optimizer: AdamW;
  rng: Rng;
  /** Controls, plan and stage position as they are now. */
  run: RunFile;
  numerics: Numerics;
}

export function takeSnapshot(runDir: string, live: LiveState): SnapshotInfo {
  const files: Record<string, NamedTensor[]> = {};
  for (const param of live.model.params.all()) {
    (files[param.group] ??= []).push({ name: param.name, shape: param.variable.shape, data: param.variable.dataSync() as Float32Array });
  }
  files.optimizer = [...live.optimizer.moments()].map(([name, v]) => ({ name, shape: v.shape, data: v.dataSync() as Float32Array }));
  const snapshotsDir = join(runDir, 'snapshots');
  mkdirSync(snapshotsDir, { recursive: true });
  return writeSnapshot(snapshotsDir, {
    step: live.step,
    reason: live.reason,
    label: live.label,
    files,
    state: {
      step: live.step,
      controls: live.run.controls,
      plan: live.run.plan,
      stage: live.run.stage,
      rngState: live.rng.state,
      optimizerSteps: live.optimizer.stepCounts(),
      lossScaler: live.numerics.scaler?.state() ?? null,
    },
  });
}
