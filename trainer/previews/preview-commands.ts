/**
 * The preview commands that need no training loop: the sample history, one kept preview (with
 * the sound of the clip asked for), the
 * interval, and a snapshot's preview for a run that is not training (the one stored in the
 * snapshot; for a snapshot without one, its dataset loaded here and the snapshot's weights put
 * into a fresh model). A live run's previews are generated between its steps instead (the
 * training loop's `preview` hook).
 */
import type { CommandOf, TrainerEvent } from '../protocol.js';
import { answering } from '../protocol.js';
import type { ProjectStore, RunFile } from '../project/project-store.js';
import { buildRunModel, findRecipe } from '../recipes/registry.js';
import { SessionError } from '../session/session-errors.js';
import { withSoundOf } from './preview-sound.js';
import { PreviewFileError, PreviewStore } from './preview-store.js';
import { RunPreviews, storedSnapshotPreview } from './run-previews.js';


/** The last dataset loaded for an offline preview: comparing snapshots asks for it twice in a row. */
let loaded: { path: string; data: Promise<unknown> } | null = null;

export class PreviewCommands {
  constructor(
    private readonly project: ProjectStore,
    private readonly emit: (event: TrainerEvent) => void,
  ) {}

  history(command: CommandOf<'preview/history'>): void {
    const run = this.run(command.runId);
    const store = this.store(run);
    this.emit({ type: 'preview/history', ...answering(command.requestId), runId: run.id, entries: store.list(), everySteps: this.guard(() => store.everySteps()) });
  }

  get(command: CommandOf<'preview/get'>): void {
    const run = this.run(command.runId);
    const preview = this.guard(() => this.store(run).read(command.previewId));
    // The sound of the clip asked for (a person picked its tile), else the lead's: preview-sound.ts.
    const clip = command.clip !== undefined && [preview.clip, ...(preview.more ?? []).map((c) => c.clip)].includes(command.clip) ? command.clip : preview.clip;
    this.emit({ type: 'preview/ready', ...answering(command.requestId), runId: run.id, preview: withSoundOf(preview, clip) });
  }

  interval(command: CommandOf<'preview/interval'>): void {
    const run = this.run(command.runId);
    this.store(run).setEverySteps(command.everySteps);
    this.history({ type: 'preview/history', runId: run.id, ...answering(command.requestId) });
  }

  /** A run that is not training previews only from a snapshot: its model is not in memory. */
  async request(command: CommandOf<'preview/request'>): Promise<void> {
    const run = this.run(command.runId);
    if (!command.snapshotId) {
      throw new SessionError('invalid-state', `Run '${run.name}' is not training, so there is no live model to preview; pick a snapshot, or a step from the sample history.`);
    }
    const snapshotId = command.snapshotId;
    // A snapshot's stored preview needs neither the dataset nor a model.
    const stored = await this.guardAsync(async () => storedSnapshotPreview(this.project.runPath(run.id), snapshotId));
    if (stored) return this.emit({ type: 'preview/ready', ...answering(command.requestId), runId: run.id, preview: withSoundOf(stored, stored.clip) });
    const recipe = findRecipe(run.recipe);
    const datasetDir = this.project.datasetPath(run.dataset);
    if (loaded?.path !== datasetDir) {
      const attempt = { path: datasetDir, data: recipe.loadData(datasetDir) };
      // A dataset that failed to load is read again next time, not remembered as failed.
      attempt.data.catch(() => loaded === attempt && (loaded = null));
      loaded = attempt;
    }
    const data = await loaded.data;
    const previews = new RunPreviews({
      runId: run.id,
      runDir: this.project.runPath(run.id),
      datasetDir,
      data,
      build: () => buildRunModel(run, data),
      emit: this.emit,
    });
    const preview = await this.guardAsync(() => previews.generateFromSnapshot(snapshotId));
    this.emit({ type: 'preview/ready', ...answering(command.requestId), runId: run.id, preview: withSoundOf(preview, preview.clip) });
  }

  private run(runId: string): RunFile {
    const run = this.project.run(runId);
    if (!run) throw new SessionError('no-run', `Project '${this.project.name}' has no run '${runId}'.`);
    return run;
  }

  private store(run: RunFile): PreviewStore {
    return PreviewStore.ofRun(this.project.runPath(run.id));
  }

  private guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw error instanceof PreviewFileError ? new SessionError(error.code, error.message) : error;
    }
  }

  private async guardAsync<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PreviewFileError) throw new SessionError(error.code, error.message);
      throw new SessionError('io', (error as Error).message);
    }
  }
}
