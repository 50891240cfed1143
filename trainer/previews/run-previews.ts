/**
 * Previews of one run: the live model's (between steps, at an interval and on request, each
 * kept in the sample history) and a snapshot's (the one stored in its folder; for an older
 * snapshot, its weights in a scratch model built beside the live one, so the run is not
 * disturbed; not kept in the history). Every preview shows the same validation clips, so
 * previews at different steps and snapshots compare on the same audio.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { answering, type PreviewSample, type TrainerEvent } from '../protocol.js';
import type { MotionPreview, RecipeModel } from '../recipes/recipe.js';
import { readSnapshot } from '../snapshots/read-snapshot.js';
import { loadSnapshotModel } from '../snapshots/restore-state.js';
import { snapshotsDirOf } from '../snapshots/snapshot-folder.js';
import { PreviewSampler } from './preview-sample.js';
import { withSoundOf } from './preview-sound.js';
import { PreviewFileError, previewIdOf, PreviewStore } from './preview-store.js';
import { readStoredPreview } from './snapshot-preview-file.js';

/** A snapshot's stored preview, null when it has none (or its clip file is gone); throws naming a missing snapshot or a corrupt file. */
export function storedSnapshotPreview(runDir: string, snapshotId: string): PreviewSample | null {
  return readStoredPreview(snapshotDirOf(runDir, snapshotId), PreviewStore.ofRun(runDir), snapshotId);
}

function snapshotDirOf(runDir: string, snapshotId: string): string {
  const dir = join(snapshotsDirOf(runDir), snapshotId);
  if (!existsSync(dir)) throw new PreviewFileError('no-run', `This run has no snapshot ${snapshotId}.`);
  return dir;
}

export interface PreviewSource {
  runId: string;
  runDir: string;
  datasetDir: string;
  /** The recipe's loaded dataset: names the clips the model previews. */
  data: unknown;
  /** A fresh model of the run's recipe, preset and seed, for a snapshot's weights. */
  build(): RecipeModel;
  emit(event: TrainerEvent): void;
}

export class RunPreviews {
  readonly store: PreviewStore;
  private readonly sampler: PreviewSampler;
  private lastKept: string | null = null;
  /** Steps between automatic previews: read once, changed only through setEverySteps (the live run's preview/interval). */
  private everySteps: number;

  constructor(private readonly source: PreviewSource) {
    this.store = PreviewStore.ofRun(source.runDir);
    this.everySteps = this.store.everySteps();
    const warn = (message: string) => source.emit({ type: 'error', code: 'dataset', message });
    this.sampler = new PreviewSampler({ datasetDir: source.datasetDir, data: source.data, store: this.store, warn });
  }

  /** True at every `everySteps`-th step not yet previewed on this branch (step 0 included: the untrained baseline). */
  due(step: number, branch: string): boolean {
    const every = this.everySteps;
    return every > 0 && step % every === 0 && this.lastKept !== previewIdOf(step, branch);
  }

  /** An automatic preview: a failure is reported and training goes on. */
  async auto(model: RecipeModel, step: number, branch: string): Promise<void> {
    try {
      await this.live(model, step, branch);
    } catch (error) {
      this.lastKept = previewIdOf(step, branch);
      this.source.emit({ type: 'error', code: 'io', message: `Preview at step ${step} failed: ${(error as Error).message} Training goes on.` });
    }
  }

  /** Marks the preview at `step` as asked for elsewhere (the evaluation worker), so it is not due again. */
  claim(step: number, branch: string): void {
    this.lastKept = previewIdOf(step, branch);
  }

  /** Keeps and sends a preview the evaluation worker generated from the weights at `step`. */
  async keepGenerated(motion: MotionPreview, step: number, branch: string): Promise<void> {
    try {
      await this.keep(await this.sampleOf(motion, step, branch));
    } catch (error) {
      this.source.emit({ type: 'error', code: 'io', message: `Preview at step ${step} failed: ${(error as Error).message} Training goes on.` });
    }
  }

  /** Generates from the live model, keeps it in the history and sends it. */
  async live(model: RecipeModel, step: number, branch: string, requestId?: string): Promise<void> {
    await this.keep(await this.sample(model, step, branch), requestId);
  }

  private async keep(sample: Omit<PreviewSample, 'id'>, requestId?: string): Promise<void> {
    const { step, branch } = sample;
    const id = previewIdOf(step, branch);
    const preview: PreviewSample = { id, ...sample };
    const dropped = this.store.keep(preview as PreviewSample & { id: string });
    this.lastKept = id;
    // Asked for (p): the lead clip's sound comes with it; streamed: none (preview-sound.ts).
    const sent = withSoundOf(preview, requestId === undefined ? null : preview.clip);
    this.source.emit({ type: 'preview/ready', ...answering(requestId), runId: this.source.runId, preview: sent });
    // Thinned ids must leave every window's history strip too.
    if (dropped.length > 0) this.emitHistory();
  }

  /**
   * Sends a snapshot's preview: the one stored in its folder when it has one (checked against
   * its manifest), else generated from its weights (snapshots from before previews were stored,
   * or whose preview could not be made).
   */
  async fromSnapshot(snapshotId: string, requestId?: string): Promise<void> {
    const preview = storedSnapshotPreview(this.source.runDir, snapshotId) ?? (await this.generateFromSnapshot(snapshotId));
    this.source.emit({ type: 'preview/ready', ...answering(requestId), runId: this.source.runId, preview: withSoundOf(preview, preview.clip) });
  }

  /** Generates from a snapshot's verified weights in a scratch model, dropped afterwards. */
  async generateFromSnapshot(snapshotId: string): Promise<PreviewSample> {
    const dir = snapshotDirOf(this.source.runDir, snapshotId);
    const snapshot = readSnapshot(dir);
    const model = this.source.build();
    try {
      loadSnapshotModel(model, snapshot, dir);
      const sample = await this.sample(model, snapshot.manifest.step, snapshot.manifest.branch);
      return { ...sample, snapshotId };
    } finally {
      model.dispose();
    }
  }

  /** A restore discarded `branch` after `step`: its later previews go with the weights they showed. */
  discardAfter(branch: string, step: number): void {
    if (this.store.discardAfter(branch, step).length > 0) this.emitHistory();
  }

  /** A new interval for the live run: saved beside its previews (so it outlives the run) and used from the next step. */
  setEverySteps(everySteps: number, requestId?: string): void {
    this.store.setEverySteps(everySteps);
    this.everySteps = everySteps;
    this.emitHistory(requestId);
  }

  emitHistory(requestId?: string): void {
    this.source.emit({ type: 'preview/history', ...answering(requestId), runId: this.source.runId, entries: this.store.list(), everySteps: this.everySteps });
  }

  private async sample(model: RecipeModel, step: number, branch: string): Promise<Omit<PreviewSample, 'id'>> {
    return this.sampleOf(await model.preview(), step, branch);
  }

  /** A preview as the history keeps it (also a snapshot's preview.json, generated by the evaluation worker). */
  sampleOf(preview: MotionPreview, step: number, branch: string): Promise<Omit<PreviewSample, 'id'>> {
    return this.sampler.sampleOf(preview, step, branch);
  }
}
