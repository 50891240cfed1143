/**
 * What a stage boundary does, in words and data: the hand-off a person reads when a stage
 * ends (what the next stage changes against the controls in force now, which of those undo a
 * hand-made change, which snapshot comes first), and the snapshot every stage starts with.
 */
import type { SnapshotKind, StageHandoff } from '../protocol.js';
import type { RunFile } from '../project/project-store.js';
import { describeChange, mergeControls } from './controls.js';
import { stagePatch } from './growth.js';

/** Whether the run moves on by itself when its current stage ends: the stage's say first, then the run's switch. */
export function advancesOnItsOwn(run: RunFile): boolean {
  return run.plan.stages[run.stage.index]?.autopilot ?? run.autopilot ?? false;
}

/** The hand-off for the run's current stage having ended at `step`; null on the last stage. */
export function handoffFor(run: RunFile, reason: string, step: number): StageHandoff | null {
  const index = run.stage.index + 1;
  const next = run.plan.stages[index];
  if (!next) return null;
  const manual = new Set(run.manualChanges ?? []);
  const change = describeChange(run.controls, mergeControls(run.controls, stagePatch(next.controls, run.controls), run.growthLevels), run.growthLevels);
  const snapshot = stageSnapshot(index, next.name, change.risky);
  return {
    step,
    index: run.stage.index,
    reason,
    next: { index, name: next.name },
    changes: change.parts.map((p) => ({ path: p.path, label: p.words, manual: manual.has(p.path) })),
    snapshot: snapshot.label ? `${snapshot.reason} (${snapshot.label})` : snapshot.reason,
  };
}

/**
 * The snapshot a stage starts with, taken before its controls apply: "auto before GAN on"
 * when the stage makes a risky change (the way back from it), "stage 3 start" otherwise.
 */
export function stageSnapshot(index: number, name: string, risky: readonly string[]): { kind: SnapshotKind; reason: string; label: string } {
  const stage = `stage ${index + 1}: ${name}`;
  return risky.length > 0 ? { kind: 'stage', reason: `auto before ${risky.join(', ')}`, label: stage } : { kind: 'stage', reason: `stage ${index + 1} start`, label: name };
}
