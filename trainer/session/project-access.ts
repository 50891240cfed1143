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
   * Takes `project`'s lock (the previous project's is let go once this one is held) and allows
   * its folder. Throws a SessionError naming the holder when another trainer has it open.
   */
  hold(project: ProjectStore): void {
    let next: ProjectLock;
    try {
      next = ProjectLock.acquire(project.path, project.name, this.shell);
    } catch (error) {
      if (error instanceof ProjectLockedError) throw new SessionError('busy', error.message);
      throw error;
    }
    if (this.lock && this.lock.path !== next.path) this.lock.release();
    this.lock = next;
    this.paths.setProject(project.path);
  }
}
