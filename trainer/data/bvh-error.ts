/** The error a BVH file we cannot use raises (see bvh-parse.ts). */

/** A file we cannot use. `message` already names the file; `line` is 1-based when known. */
export class BvhError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line?: number,
  ) {
    super(`'${file}'${line === undefined ? '' : ` line ${line}`}: ${problem}`);
    this.name = 'BvhError';
  }
}

/**
 * A few characters of what the file had where something else was expected: enough to
 * recognise the line, never a whole line of a file that is not what it claims to be.
 */
export function quote(text: string | undefined): string {
  if (text === undefined) return 'the end of the file';
  return `'${text.length > 24 ? `${text.slice(0, 24)}…` : text}'`;
}
