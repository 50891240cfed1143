/**
 * Paths that arrive from the window are resolved and confined: they must lie inside the data
 * folder (where relative project paths live), the open project, or something the person picked
 * in a native dialog. A compromised page can then name nothing else on disk.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export type Confined = { ok: true; path: string } | { ok: false; message: string };

export class PathConfinement {
  private readonly roots = new Set<string>();

  /** `dataRoot` is where the trainer resolves relative paths; it is always allowed. */
  constructor(private readonly dataRoot: string) {
    this.allow(dataRoot);
  }

  /** Allows a folder (and everything in it) or a single file, e.g. one picked in a native dialog. */
  allow(path: string): void {
    this.roots.add(resolve(path));
  }

  allowed(): string[] {
    return [...this.roots];
  }

  confine(input: string): Confined {
    if (input.includes('\0')) return { ok: false, message: `The path ${JSON.stringify(input)} contains a NUL character.` };
    // Refused outright rather than normalised away: a page has no business walking up folders.
    if (input.split(/[\\/]+/).includes('..')) return { ok: false, message: `The path ${JSON.stringify(input)} contains '..'; give the folder itself.` };
    const path = isAbsolute(input) ? resolve(input) : resolve(this.dataRoot, input);
    const real = realOrNearest(path);
    for (const root of this.roots) {
      // The lexical path and the real one (through symlinks) must both stay inside the same root.
      if (isInside(root, path) && isInside(realOrNearest(root), real)) return { ok: true, path };
    }
    return { ok: false, message: `The path ${JSON.stringify(input)} is outside the Stagecraft folder and the folders you picked; choose it with File > Open Project… instead.` };
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended. */
function realOrNearest(path: string): string {
  let existing = path;
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return path;
    existing = parent;
  }
  return resolve(realpathSync(existing), relative(existing, path));
}
