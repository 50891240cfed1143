/**
 * The training loop, top to bottom: build the run's core (model, optimizer, state) → begin
 * (a first evaluation, or a snapshot to resume from) → loop { apply pending commands between
 * steps, train one step } → close. What a step does is RunCore's; what happens between steps
 * (commands, stage ends, snapshots) is the run controller's.
 */
import type { RestoreMode, TrainerEvent } from '../protocol.js';
import type { ProjectStore } from '../project/project-store.js';
import { RunCore } from './run-core.js';
import type { RunController } from './run-controller.js';

export interface LoopContext {
  controller: RunController;
  project: ProjectStore;
  emit(event: TrainerEvent): void;
  /**
   * Resume from a snapshot instead of starting fresh: 'continue' after Stop (same branch, the
   * snapshot Stop took), or a restore of a stopped run or one a crash interrupted.
   */
  resumeFrom?: { snapshotId: string; mode: RestoreMode | 'continue'; requestId?: string };
  /** Counts the optimizer steps this session takes, however it ends (its record: project/training-sessions.ts). */
  trained?: { steps: number };
}

export async function runTraining({ controller, project, emit, resumeFrom, trained }: LoopContext): Promise<void> {
  const core = await RunCore.build({ controller, project, emit });
  try {
    await core.begin(resumeFrom);
    while (await controller.betweenSteps(core.step, core)) {
      await core.trainOne();
      if (trained) trained.steps += 1;
    }
  } finally {
    await core.close();
  }
}
