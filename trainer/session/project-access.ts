/**
 * What the session may touch on disk: every path a command names is confined
 * (paths/path-confinement.ts), and the open project is held with its lock
 * (project/project-lock.ts) so that no second trainer writes into it meanwhile.
 */
import { PathConfinement, PathNotAllowedError } from '../paths/path-confinement.js';
import { ProjectLock, ProjectLockedError } from '../project/project-lock.js';
import type { ProjectStore } from '../project/project-store.js';
import { SessionError } from './session-errors.js';

export class ProjectAccess {
  private lock: ProjectLock | null = null;

  constructor(
    readonly paths: PathConfinement,
    /** Who this trainer is, in the sentence another trainer gets: 'the desktop app', 'serve mode'. */
    private readonly shell: string,
  ) {}

  /** The absolute path a command names, relative ones against `base` (the data folder unless given); refused outside. */
  resolve(input: string, base?: string): string {
    try {
      return this.paths.resolve(input, base);
    } catch (error) {
      if (error instanceof PathNotAllowedError) throw new SessionError('io', error.message);
      throw error;
    }
  }

  /**
   * Takes `project`'s lock, then runs `check` (the damage check reads the folder: with the lock
   * held, no other trainer is renaming things in it meanwhile), then lets go of the previous
   * project's lock and allows the new folder. Throws a SessionError naming the holder when
   * another trainer has it open; when `check` throws, the new lock is let go and the open
   * project stays as it was.
   */
  hold(project: ProjectStore, check: () => void = () => {}): void {
    let next: ProjectLock;
    try {
      next = ProjectLock.acquire(project.path, project.name, this.shell);
    } catch (error) {
      if (error instanceof ProjectLockedError) throw new SessionError('busy', error.message);
      throw error;
    }
    const same = this.lock?.path === next.path;
    try {
      check();
    } catch (error) {
      if (!same) next.release();
      throw error;
    }
    if (this.lock && !same) this.lock.release();
    this.lock = next;
    this.paths.setProject(project.path);
  }
}
