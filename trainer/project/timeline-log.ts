/**
 * A run's timeline on disk (`timeline.jsonl`, one mark per line, each with its branch): the
 * markers every chart draws (controls applied, stages, snapshots, warnings) outlive the trainer,
 * so a run continued after Stop, resumed after a crash or reopened tomorrow still shows when
 * random warp went off. A branch shows its ancestors' marks up to each fork, then its own, as
 * its metrics history does. Appends are best effort: a mark that cannot be written (a full
 * disk) is still shown live, only not kept.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TimelineMark } from '../protocol.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { lineage } from './branches.js';
import type { RunFile } from './project-store.js';

export const TIMELINE_FILE = 'timeline.jsonl';

type StoredMark = TimelineMark & { branch: string };

export function appendMark(runDir: string, branch: string, mark: TimelineMark): void {
  try {
    appendFileSync(join(runDir, TIMELINE_FILE), `${JSON.stringify({ ...mark, branch })}\n`);
  } catch {
    // Shown live all the same; the next mark tries again.
  }
}

/** The marks `branch` shows: its ancestors' up to each fork, then its own, up to `upTo`. */
export function readTimeline(runDir: string, run: RunFile, branch: string, upTo = Infinity): TimelineMark[] {
  const chain = new Map(lineage(run, branch).map((entry) => [entry.branch, entry.upTo]));
  return readMarks(runDir)
    .filter((m) => chain.has(m.branch) && m.step <= Math.min(chain.get(m.branch)!, upTo))
    .map(({ branch: _branch, ...mark }) => mark);
}

/** The marks `branch` made itself (not its ancestors'), in the order they were made. */
export function readOwnMarks(runDir: string, branch: string): TimelineMark[] {
  return readMarks(runDir)
    .filter((m) => m.branch === branch)
    .map(({ branch: _branch, ...mark }) => mark);
}

/** Drops `branch`'s marks after `step` (a restore that discards what came after). */
export function discardMarksAfter(runDir: string, branch: string, step: number): void {
  const kept = readMarks(runDir).filter((m) => m.branch !== branch || m.step <= step);
  writeFileAtomic(join(runDir, TIMELINE_FILE), kept.map((m) => `${JSON.stringify(m)}\n`).join(''));
}

/** Every mark that parses; a torn last line or a mark of another shape is left out. */
function readMarks(runDir: string): StoredMark[] {
  const file = join(runDir, TIMELINE_FILE);
  if (!existsSync(file)) return [];
  const out: StoredMark[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const { branch, ...rest } = JSON.parse(line) as { branch?: unknown };
      const mark = TimelineMark.safeParse(rest);
      if (mark.success && typeof branch === 'string') out.push({ ...mark.data, branch });
    } catch {
      // A torn last line: left out.
    }
  }
  return out;
}
