/**
 * A run's training sessions on disk (`sessions.jsonl` in its folder): a line when a session
 * begins and one when it ends, so a session a crash cut short still shows, without its end.
 * Appends are best effort: a session that cannot be written (a full disk) costs no training.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { TrainingSession } from '../protocol.js';

export const SESSIONS_FILE = 'sessions.jsonl';

const Began = z.object({ id: z.string(), startedAt: z.string(), branch: z.string(), fromStep: z.number().int().nonnegative() });
const Ended = z.object({ id: z.string(), endedAt: z.string(), toStep: z.number().int().nonnegative(), steps: z.number().int().nonnegative() });

/** Records a session's start; returns its id, for its end. */
export function sessionBegan(runDir: string, began: { branch: string; fromStep: number }, now = new Date()): string {
  const id = `${now.getTime().toString(36)}-${process.pid}`;
  append(runDir, { id, startedAt: now.toISOString(), ...began });
  return id;
}

export function sessionEnded(runDir: string, id: string, ended: { toStep: number; steps: number }, now = new Date()): void {
  append(runDir, { id, endedAt: now.toISOString(), ...ended });
}

/** Every session that began, oldest first, with its end where one was written; lines that do not parse (a torn last one) are left out. */
export function readSessions(runDir: string): TrainingSession[] {
  const file = join(runDir, SESSIONS_FILE);
  if (!existsSync(file)) return [];
  const began: z.infer<typeof Began>[] = [];
  const ends = new Map<string, z.infer<typeof Ended>>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const start = Began.safeParse(json);
    if (start.success) began.push(start.data);
    const end = Ended.safeParse(json);
    if (end.success) ends.set(end.data.id, end.data);
  }
  return began.map(({ id, ...start }) => {
    const end = ends.get(id);
    if (!end) return start;
    const seconds = Math.max(0, (Date.parse(end.endedAt) - Date.parse(start.startedAt)) / 1000);
    return { ...start, endedAt: end.endedAt, toStep: end.toStep, steps: end.steps, seconds };
  });
}

function append(runDir: string, line: object): void {
  try {
    appendFileSync(join(runDir, SESSIONS_FILE), `${JSON.stringify(line)}\n`);
  } catch {
    // Best effort: the run trains on without its session record.
  }
}
