/**
 * Renaming and deleting a run on disk. The run id comes from a command, so it is checked like
 * any untrusted path part before it touches the disk: a plain folder name (no separators, no
 * `..`), naming a real folder (not a link) directly inside the project's runs folder, whose
 * run.json says it is that run. Deleting first renames the folder to a hidden `.deleting-`
 * name inside runs/ (atomic: the run leaves the list at once, and a crash midway leaves no
 * half-run that could be listed or trained), then removes it; the next open clears leftovers.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { RunFolderId } from '../protocol.js';
import { fsyncDirectory } from '../storage/atomic-write.js';

const DELETING_PREFIX = '.deleting-';

/** 'malformed-command': the id is not a run id at all (a path, `..`); 'io': the folder on disk is not what a run folder must be. */
export class RunFolderError extends Error {
  constructor(
    readonly code: 'malformed-command' | 'io',
    message: string,
  ) {
    super(message);
  }
}

/** What run ids look like on disk (the protocol's RunFolderId): `run-3`, or any plain folder name a person gave a copied run. */
export function isRunId(id: string): boolean {
  return RunFolderId.safeParse(id).success;
}

/**
 * The run's folder, after every check; null when there is no such folder. The caller reads the
 * run itself (ProjectStore.run); this only makes sure the folder is the run's and inside runs/.
 */
export function runFolder(runsDir: string, id: string): string | null {
  if (!isRunId(id)) throw new RunFolderError('malformed-command', `'${id}' is not a run id: a run id is a folder name inside the project's runs folder, without '/', '\\' or '..'.`);
  const root = resolve(runsDir);
  const dir = resolve(root, id);
  // Belt and braces: whatever the pattern lets through must still land directly inside runs/.
  if (dirname(dir) !== root || relative(root, dir).includes(sep)) throw new RunFolderError('malformed-command', `Run id '${id}' points outside the project's runs folder.`);
  if (!existsSync(dir)) return null;
  if (!lstatSync(dir).isDirectory()) throw new RunFolderError('io', `'${dir}' is not a run folder (it is a link or a file); it was left as it is.`);
  // An id read from disk is as untrusted as one from a command: run.json must name the folder it is in.
  const file = join(dir, 'run.json');
  let named: unknown;
  try {
    named = (JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown })?.id;
  } catch (error) {
    // A parse error would quote the file: say only that it is not JSON.
    const why = error instanceof SyntaxError ? 'it is not JSON' : (error as Error).message;
    throw new RunFolderError('io', `Cannot read '${file}': ${why}. The run was left as it is.`);
  }
  if (named !== id) throw new RunFolderError('io', `'${file}' names run '${String(named)}', not '${id}'; the run was left as it is.`);
  return dir;
}

/** Removes a run's folder with everything in it (snapshots, previews, metrics, exports). */
export function removeRunFolder(runsDir: string, dir: string, id: string): void {
  const doomed = join(runsDir, `${DELETING_PREFIX}${id}-${process.pid}`);
  rmSync(doomed, { recursive: true, force: true });
  renameSync(dir, doomed);
  fsyncDirectory(runsDir);
  rmSync(doomed, { recursive: true, force: true });
}

/** Folders a delete left behind when the trainer stopped midway (see removeRunFolder). */
export function removeUnfinishedDeletes(runsDir: string): void {
  if (!existsSync(runsDir)) return;
  for (const name of readdirSync(runsDir)) if (name.startsWith(DELETING_PREFIX)) rmSync(join(runsDir, name), { recursive: true, force: true });
}
