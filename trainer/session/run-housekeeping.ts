/**
 * Renaming and deleting runs that are not training: they change run.json or remove the run's
 * folder, and answer with run/updated or run/deleted.
 */
import { answering, type Command, type TrainerEvent } from '../protocol.js';
import type { ProjectStore } from '../project/project-store.js';
import { SessionError } from './session-errors.js';

type CommandOf<T extends Command['type']> = Extract<Command, { type: T }>;

export class RunHousekeeping {
  constructor(
    private readonly project: ProjectStore,
    private readonly emit: (event: TrainerEvent) => void,
  ) {}

  rename(command: CommandOf<'run/rename'>): void {
    void this.project;
    void answering;
    throw new SessionError('internal', `Renaming runs is not built yet (run '${command.runId}').`);
  }

  delete(command: CommandOf<'run/delete'>): void {
    void this.emit;
    throw new SessionError('internal', `Deleting runs is not built yet (run '${command.runId}').`);
  }
}
