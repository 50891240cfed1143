/**
 * What opening a project checks before anything in it is used: a project folder may come from
 * someone else (a shared drive, a zip), and the same trainer runs under Electron, so a crafted
 * one must not make it read, write or delete outside the folder.
 *
 * - No links anywhere in it, and nothing but files and folders: a `metrics.jsonl` link to
 *   ~/.bashrc would be appended to, a `manifest.json` FIFO would block the trainer.
 * - Every id in every run.json and snapshot manifest is one a command could have named
 *   (disk-ids.ts), and names the folder it is in.
 * The answer is the first problem, naming the file relative to the project; null when there is none.
 */
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { FileRefusedError, readRegularFile } from '../paths/regular-file.js';
import { manifestIdProblem, runIdProblem } from './disk-ids.js';
import { RunFile } from './project-store.js';

/** runs/<id>/snapshots/<id>/ and previews/ are four deep; nothing the trainer writes goes past eight. */
const MAX_DEPTH = 12;
/** run.json and manifest.json are a few KB; a plan with many stages keeps run.json well under this. */
const RECORD_MAX_BYTES = 16 * 2 ** 20;

export function projectDamage(projectPath: string): string | null {
  return walk(projectPath, '', 0) ?? recordsProblem(projectPath);
}

function walk(root: string, rel: string, depth: number): string | null {
  if (depth > MAX_DEPTH) return `'${rel}' is nested deeper than any folder a project has`;
  for (const entry of entriesOf(join(root, rel))) {
    const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isSymbolicLink()) return `'${child}' is a link; a project holds no links (one could lead outside it)`;
    if (entry.isDirectory()) {
      const problem = walk(root, child, depth + 1);
      if (problem) return problem;
    } else if (!entry.isFile()) return `'${child}' is ${kindOf(entry)}; a project holds only files and folders`;
  }
  return null;
}

/** A folder's entries; none when it vanished since it was listed (a leftover removed meanwhile). */
function entriesOf(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function kindOf(entry: Dirent): string {
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isSocket()) return 'a socket';
  return 'a device';
}

/** Ids in every run.json and snapshot manifest. Unreadable ones are not runs or snapshots (left out of lists), not damage. */
function recordsProblem(projectPath: string): string | null {
  const runsDir = join(projectPath, 'runs');
  for (const folder of plainFolders(runsDir)) {
    const runFile = `runs/${folder}/run.json`;
    const parsed = RunFile.safeParse(readRecord(projectPath, runFile));
    if (parsed.success) {
      const problem = runIdProblem(parsed.data, folder);
      if (problem) return `'${runFile}': ${problem}`;
    }
    for (const snapshot of plainFolders(join(runsDir, folder, 'snapshots'))) {
      const manifestFile = `runs/${folder}/snapshots/${snapshot}/manifest.json`;
      const manifest = readRecord(projectPath, manifestFile);
      const problem = manifest === undefined ? null : manifestIdProblem(manifest, snapshot);
      if (problem) return `'${manifestFile}': ${problem}`;
    }
  }
  return null;
}

/** Folders the trainer reads by name: hidden ones (`.tmp-`, `.deleting-`) are leftovers the open clears. */
function plainFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return entriesOf(dir)
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name);
}

/** A JSON record's contents, or undefined when it is missing or not JSON. */
function readRecord(projectPath: string, file: string): unknown {
  try {
    return JSON.parse(readRegularFile(join(projectPath, file), { maxBytes: RECORD_MAX_BYTES, label: file }).toString('utf8'));
  } catch (error) {
    if (error instanceof FileRefusedError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
