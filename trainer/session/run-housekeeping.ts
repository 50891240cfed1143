/**
 * Renaming, deleting and exporting runs that are not training: they change run.json, remove the
 * run's folder or write its TensorBoard files, and answer with run/updated, run/deleted or
 * tensorboard/exported. The session refuses a live run before
 * either gets here, and waits for a stopped run's loop to finish first (it still writes
 * run.json, its last evaluation and its snapshot previews into the run's folder).
 */
import { answering, type CommandOf, type TrainerEvent } from '../protocol.js';
import type { ProjectStore, RunFile } from '../project/project-store.js';
import { toSummary } from '../project/project-store.js';
import { RunFolderError } from '../project/run-folders.js';
import { SessionError } from './session-errors.js';
import { exportRunTensorBoard } from '../tensorboard/export-history.js';

export class RunHousekeeping {
  constructor(
    private readonly project: ProjectStore,
    private readonly emit: (event: TrainerEvent) => void,
  ) {}

  rename(command: CommandOf<'run/rename'>): void {
    const before = this.project.run(command.runId)?.name;
    const run = this.checked(command.runId, () => this.project.renameRun(command.runId, command.name));
    this.emit({ type: 'run/updated', ...answering(command.requestId), run: toSummary(run), reason: `renamed from '${before ?? command.runId}' to '${run.name}'` });
  }

  delete(command: CommandOf<'run/delete'>): void {
    // Its preview interval goes with its folder: a later run-3 reads its own (nothing is cached).
    const run = this.checked(command.runId, () => this.project.deleteRun(command.runId));
    this.emit({ type: 'run/deleted', ...answering(command.requestId), runId: run.id, name: run.name });
  }

  exportTensorBoard(command: CommandOf<'run/export-tensorboard'>): void {
    const run = this.project.run(command.runId);
    if (!run) throw new SessionError('no-run', `Project '${this.project.name}' has no run '${command.runId}'.`);
    const written = exportRunTensorBoard(this.project.runPath(run.id), run);
    this.emit({ type: 'tensorboard/exported', ...answering(command.requestId), runId: run.id, ...written });
  }

  /** Runs the change, turning a bad id or a folder that is not the run's into errors a person can read. */
  private checked(runId: string, change: () => RunFile | undefined): RunFile {
    let run: RunFile | undefined;
    try {
      run = change();
    } catch (error) {
      if (error instanceof RunFolderError) throw new SessionError(error.code, error.message);
      throw error;
    }
    if (!run) throw new SessionError('no-run', `Project '${this.project.name}' has no run '${runId}'.`);
    return run;
  }
}
