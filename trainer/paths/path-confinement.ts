/**
 * The one confinement rule, applied by the trainer whatever shell it runs under (Electron,
 * serve mode, the CLI): a path a command names must lie inside the data folder (where relative
 * project paths live), the open project, or a folder (or single file) the person granted — in
 * a native dialog (Electron main sends the grant on the trainer's parent port) or with
 * `--allow-path DIR` (serve mode, passed to the trainer as STAGECRAFT_ALLOW_PATHS).
 *
 * A path is inside a root only when its lexical form AND its real form (through the symlinks
 * of the part that exists) both are: a link inside the data folder cannot lead out of it.
 * Whether a path outside every root exists is never looked at, so the refusal is the same
 * sentence for /etc/shadow and for /no/such/file: it cannot be used to map the disk.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Folders (or files) granted at start, as a JSON list of paths: serve mode's `--allow-path`. */
export const ALLOW_PATHS_ENV = 'STAGECRAFT_ALLOW_PATHS';

/** The refusal: the same words whether or not the path exists, and nothing about what it holds. */
export class PathNotAllowedError extends Error {
  constructor(input: string) {
    super(
      `The path ${JSON.stringify(input.slice(0, 300))} is not allowed: Stagecraft works only inside its data folder, the open project and folders you chose ` +
        '(File > Open Project… in the desktop app; --allow-path DIR in serve mode). Nothing was changed.',
    );
    this.name = 'PathNotAllowedError';
  }
}

export class PathConfinement {
  private readonly grants = new Set<string>();
  private project: string | null = null;

  /** `dataRoot` is where relative paths are resolved; it is always allowed. */
  constructor(
    readonly dataRoot: string,
    granted: Iterable<string> = [],
  ) {
    for (const path of granted) this.grant(path);
  }

  /** Allows a folder (and everything in it) or a single file the person chose. */
  grant(path: string): void {
    if (path !== '' && !path.includes('\0')) this.grants.add(resolve(path));
  }

  /** The open project is allowed while it is open (null: none). */
  setProject(path: string | null): void {
    this.project = path === null ? null : resolve(path);
  }

  /** Every root a path may lie in, the data folder first. */
  roots(): string[] {
    return [resolve(this.dataRoot), ...(this.project ? [this.project] : []), ...this.grants];
  }

  /**
   * The absolute path a command means, or a PathNotAllowedError. Relative paths are resolved
   * against `base` (the data folder unless given; motion/export uses the open project).
   */
  resolve(input: string, base: string = this.dataRoot): string {
    // Refused outright rather than normalised away: a client has no business walking up folders.
    if (input.includes('\0') || input.split(/[\\/]+/).includes('..')) throw new PathNotAllowedError(input);
    const path = isAbsolute(input) ? resolve(input) : resolve(base, input);
    // Lexically outside every root: refused before the disk is asked anything about it.
    const lexical = this.roots().filter((root) => isInside(root, path));
    if (lexical.length === 0) throw new PathNotAllowedError(input);
    const real = realOrNearest(path);
    const ok = real !== null && lexical.some((root) => {
      const realRoot = realOrNearest(root);
      return realRoot !== null && isInside(realRoot, real);
    });
    if (!ok) throw new PathNotAllowedError(input);
    return path;
  }
}

/** The grants serve mode passed in its environment; anything but a JSON list of strings grants nothing. */
export function grantsFromEnv(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string' && p !== '') : [];
  } catch {
    return [];
  }
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The real path of `path`, or of its nearest existing ancestor with the rest appended; null
 * when that ancestor is a link to nothing (where it would lead once created is unknown).
 */
export function realOrNearest(path: string): string | null {
  let existing = path;
  while (!hasEntry(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return path;
    existing = parent;
  }
  try {
    return resolve(realpathSync(existing), relative(existing, path));
  } catch {
    return null;
  }
}

/** Whether the folder entry is there (a dangling link counts: it is there, and leads nowhere). */
function hasEntry(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
