/**
 * One trainer per project folder. Two trainers writing the same project (a second serve, a
 * desktop window beside a serve) append to the same metrics log, mark each other's live run
 * interrupted and thin each other's snapshots; DeepFaceLab's ports added a lock after users
 * corrupted models that way. Opening a project takes `.stagecraft-lock` in its folder: who
 * holds it (process id, its start time, the machine, which shell). A second trainer is refused
 * with a sentence naming the holder; a lock whose process is gone (killed, crashed, its id
 * reused by another program) is taken over; the lock is removed when the project is closed or
 * the trainer exits.
 *
 * The same process opening the project again (a reopen, a restart of the session) holds it
 * already. A lock from another machine (a project on a shared drive) cannot be checked from
 * here, so it counts as held: the sentence says which machine, and that the file can be removed
 * if no trainer runs there.
 */
import { closeSync, fsyncSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FILE_MISSING, FileRefusedError, readRegularFile } from '../paths/regular-file.js';

export const LOCK_FILE = '.stagecraft-lock';

interface LockRecord {
  pid: number;
  /** When the holding process started (ISO), for the sentence. */
  startedAt: string;
  host: string;
  /** What the holder is: 'the desktop app', 'serve mode'. */
  shell: string;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat), to tell a reused process id apart. */
  procStart?: string;
}

export class ProjectLockedError extends Error {}

/** Lock files this process holds, removed when it exits (one 'exit' listener, however many opens). */
const heldHere = new Set<string>();
let exitHooked = false;

function holdUntilExit(path: string): void {
  heldHere.add(path);
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => heldHere.forEach(removeIfOurs));
}

export class ProjectLock {
  private released = false;

  private constructor(readonly path: string) {
    holdUntilExit(path);
  }

  /** Takes the project's lock for this process, or throws a ProjectLockedError naming who holds it. */
  static acquire(projectDir: string, projectName: string, shell: string): ProjectLock {
    const path = join(projectDir, LOCK_FILE);
    const mine = ownRecord(shell);
    // A few rounds: a stale lock removed here may be taken by another trainer starting at the same moment.
    for (let round = 0; round < 3; round++) {
      if (createExclusive(path, `${JSON.stringify(mine, null, 2)}\n`)) return new ProjectLock(path);
      const text = readText(path);
      if (text === null) continue; // gone since: try again
      const held = parseRecord(text);
      if (held && isThisProcess(held, mine)) return new ProjectLock(path);
      if (held && isAlive(held, mine.host)) throw new ProjectLockedError(heldSentence(projectName, projectDir, held, mine.host));
      // The holder is gone (or the file is torn by a crash): take it over, unless it changed meanwhile.
      if (readText(path) === text) unlinkQuietly(path);
    }
    throw new ProjectLockedError(`Project '${projectName}' is being opened by another Stagecraft trainer at this moment; try again.`);
  }

  /** Removes the lock if it is still this process's; safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.path);
    removeIfOurs(this.path);
  }
}

function removeIfOurs(path: string): void {
  const text = readText(path);
  const held = text === null ? null : parseRecord(text);
  if (held && isThisProcess(held, ownRecord(held.shell))) unlinkQuietly(path);
}

function ownRecord(shell: string): LockRecord {
  const procStart = procStartOf(process.pid);
  return {
    pid: process.pid,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    host: hostname(),
    shell,
    ...(procStart === null ? {} : { procStart }),
  };
}

function isThisProcess(held: LockRecord, mine: LockRecord): boolean {
  return held.pid === mine.pid && held.host === mine.host && (held.procStart ?? null) === (mine.procStart ?? null);
}

/** Whether the process the lock names still runs (as far as this machine can tell). */
function isAlive(held: LockRecord, host: string): boolean {
  if (held.host !== host) return true;
  try {
    process.kill(held.pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user. ESRCH: no such process.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = procStatOf(held.pid);
  if (now === null) return true; // no /proc (macOS, Windows): the process id is all there is to go on
  if (now.state === 'Z' || now.state === 'X') return false; // exited, not yet reaped by its parent
  return held.procStart === undefined || held.procStart === now.start;
}

function heldSentence(projectName: string, projectDir: string, held: LockRecord, host: string): string {
  const where = held.host === host ? 'on this computer' : `on '${held.host}'`;
  const since = Number.isNaN(Date.parse(held.startedAt)) ? '' : `, running since ${new Date(held.startedAt).toLocaleString('en-GB')}`;
  const remote = held.host === host ? '' : ` If no Stagecraft runs on '${held.host}', delete '${join(projectDir, LOCK_FILE)}'.`;
  return (
    `Project '${projectName}' is open in another Stagecraft trainer (${held.shell}, process ${held.pid} ${where}${since}). ` +
    `Close it there or quit that Stagecraft, then open it here: two trainers writing one project would corrupt its runs. Nothing was changed.${remote}`
  );
}

function parseRecord(text: string): LockRecord | null {
  try {
    const r = JSON.parse(text) as Partial<LockRecord>;
    if (!Number.isInteger(r.pid) || typeof r.host !== 'string' || typeof r.startedAt !== 'string') return null;
    return { pid: r.pid!, host: r.host, startedAt: r.startedAt, shell: typeof r.shell === 'string' ? r.shell.slice(0, 100) : 'a Stagecraft trainer', ...(typeof r.procStart === 'string' ? { procStart: r.procStart } : {}) };
  } catch {
    return null;
  }
}

/** Writes the file only if it does not exist yet (O_EXCL): of two trainers, one wins. */
function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock's text; null when there is none, '' when what is there is not a lock file we can read (taken over like a torn one). */
function readText(path: string): string | null {
  try {
    // The lock is a few hundred bytes; anything else (a larger file, a FIFO planted there) is not one of ours.
    return readRegularFile(path, { maxBytes: 4096, label: LOCK_FILE }).toString('utf8');
  } catch (error) {
    return error instanceof FileRefusedError && error.problem === FILE_MISSING ? null : '';
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function procStartOf(pid: number): string | null {
  return procStatOf(pid)?.start ?? null;
}

/** Linux only: the process's state letter and start time from /proc/<pid>/stat; null elsewhere or when it is gone. */
function procStatOf(pid: number): { state: string; start: string } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields count from the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const start = fields[19]; // field 22, starttime
  return state && start ? { state, start } : null;
}
