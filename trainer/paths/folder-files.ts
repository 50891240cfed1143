/**
 * Files and sub-folders of a folder the trainer reads as a whole (a dataset being imported, a
 * dataset in a project): each must stay inside the folder through every link, so a
 * `clip.bvh -> /etc/shadow` link or a `train -> /` link reads nothing outside it. What is left
 * out is said in a sentence naming the file, without saying where the link leads.
 */
import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isInside } from './path-confinement.js';
import { FileRefusedError, readRegularFile, readRegularFileAsync, type RegularFileLimits } from './regular-file.js';

/** `<folder>/<file>` as its real path, or a FileRefusedError when it is missing or leads outside the folder. */
export function realPathInside(folder: string, file: string): string {
  let real: string;
  try {
    real = realpathSync(join(folder, file));
  } catch {
    throw new FileRefusedError(file, 'the file is missing (or is a link to nothing)');
  }
  if (!isInside(realpathSync(folder), real)) throw new FileRefusedError(file, 'is a link to somewhere outside the folder; it was not read (copy the file itself in)');
  return real;
}

/** Reads `<folder>/<file>` (a path relative to the folder) if it is a regular file inside the folder, within the cap. */
export function readFolderFile(folder: string, file: string, limits: Omit<RegularFileLimits, 'label'>): Buffer {
  return readRegularFile(realPathInside(folder, file), { ...limits, label: file });
}

export async function readFolderFileAsync(folder: string, file: string, limits: Omit<RegularFileLimits, 'label'>): Promise<Buffer> {
  return readRegularFileAsync(realPathInside(folder, file), { ...limits, label: file });
}

/** Whether `<folder>/<sub>` is a folder that stays inside `folder` (a link to a folder elsewhere is not). */
export function isFolderInside(folder: string, sub: string): boolean {
  try {
    const path = join(folder, sub);
    return statSync(path).isDirectory() && isInside(realpathSync(folder), realpathSync(path));
  } catch {
    return false;
  }
}
