/**
 * What the runs list shows beside a run's state that run.json does not hold: the backend it
 * last trained on and the best of each likeness series any evaluation reported. The session learns both from
 * the events it sends (run/state, metrics/batch) and writes them to `runs/<id>/records.json`,
 * so a reopened project lists them again; every event that carries a run summary goes out
 * with them filled in. Written only when something changed: a backend once per start, a
 * likeness when an evaluation beats the best (every few hundred steps at most).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BackendName, bestLikenesses, HEADLINE_LIKENESS, type RunSummary, type TrainerEvent } from '../protocol.js';
import { writeFileAtomic } from '../storage/atomic-write.js';

export const RECORDS_FILE = 'records.json';
/**
 * Bests are per likeness series. A record written before that (one number, the headline's best,
 * which mixed the tokenizer's and the generator's) is kept under the headline's own key.
 */
const BestLikeness = z.union([z.record(z.string(), z.number()), z.number().transform((best) => ({ [HEADLINE_LIKENESS]: best }))]);
const RunRecord = z.object({ backend: BackendName.optional(), bestLikeness: BestLikeness.optional() });
type RunRecord = z.infer<typeof RunRecord>;

export class RunRecords {
  private readonly cache = new Map<string, RunRecord>();

  constructor(private readonly runPath: (runId: string) => string) {}

  of(runId: string): RunRecord {
    let record = this.cache.get(runId);
    if (!record) {
      record = readRecord(join(this.runPath(runId), RECORDS_FILE));
      this.cache.set(runId, record);
    }
    return record;
  }

  /** Learns from an outgoing event and returns it with every run summary it carries filled in. */
  observe(event: TrainerEvent, backend: BackendName | null): TrainerEvent {
    // A later run may get a deleted run's id: it starts with no records of its own.
    if (event.type === 'run/deleted') this.cache.delete(event.runId);
    if (event.type === 'run/state' && event.run.state === 'running' && backend !== null) this.update(event.run.id, { backend });
    if (event.type === 'metrics/batch') {
      const bests = bestLikenesses(event.points, this.of(event.runId).bestLikeness);
      if (bests) this.update(event.runId, { bestLikeness: bests });
    }
    return this.fill(event);
  }

  /** A summary with this run's records added (a record never overrides what the summary says). */
  enrich(run: RunSummary): RunSummary {
    const record = this.of(run.id);
    return { ...record, ...run };
  }

  private fill(event: TrainerEvent): TrainerEvent {
    switch (event.type) {
      case 'run/created':
      case 'run/state':
      case 'run/updated':
      case 'snapshot/restored':
        return { ...event, run: this.enrich(event.run) };
      case 'run/list':
        return { ...event, runs: event.runs.map((r) => this.enrich(r)) };
      case 'project/opened':
      case 'dataset/imported':
        return { ...event, project: { ...event.project, runs: event.project.runs.map((r) => this.enrich(r)) } };
      case 'session/state':
        return {
          ...event,
          project: event.project ? { ...event.project, runs: event.project.runs.map((r) => this.enrich(r)) } : null,
          active: event.active ? { ...event.active, run: this.enrich(event.active.run) } : null,
        };
      default:
        return event;
    }
  }

  private update(runId: string, patch: RunRecord): void {
    const next = { ...this.of(runId), ...patch };
    this.cache.set(runId, next);
    const dir = this.runPath(runId);
    // A run folder that is gone (deleted under us) has nothing to keep the record in.
    if (!existsSync(dir)) return;
    try {
      writeFileAtomic(join(dir, RECORDS_FILE), JSON.stringify(next, null, 2));
    } catch {
      // The list shows it for this session anyway; the next evaluation or start tries again.
    }
  }
}

/** A missing or unreadable record is an empty one: these are conveniences, not training state. */
function readRecord(file: string): RunRecord {
  if (!existsSync(file)) return {};
  try {
    const parsed = RunRecord.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
