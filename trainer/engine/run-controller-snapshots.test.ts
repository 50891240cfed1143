/**
 * The run controller's snapshots, with real files: a burst of snapshot requests between two
 * steps takes the first few and refuses the rest while they are written (each holds a copy of
 * the model), and every snapshot taken is answered once it is on disk.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../protocol.js';
import { newSnapshotId } from '../snapshots/snapshot-writer.js';
import { testRunFile } from '../testing/run-file.js';
import { RunController, type BetweenStepsHooks } from './run-controller.js';
import type { SnapshotMeta } from './snapshot-taker.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = testRunFile();

describe('snapshots requested in a burst', () => {
  it('takes three, refuses the rest as busy while they are written, and answers each one taken when it is on disk', async () => {
    dir = mkdtempSync(join(tmpdir(), 'stagecraft-burst-'));
    const events: TrainerEvent[] = [];
    const controller = new RunController({ ...run }, (e) => events.push(e), () => undefined, { runDir: join(dir, 'run'), snapshotsDir: join(dir, 'snapshots'), forked: () => new Set() });
    const hooks = {
      snapshot: (meta: SnapshotMeta) => ({
        info: { id: newSnapshotId(7), step: 7, ...meta, createdAt: new Date().toISOString(), branch: 'main' },
        files: new Map([['weights.safetensors', new Uint8Array(4 << 20)]]),
      }),
      flushMetrics: () => undefined,
    } as unknown as BetweenStepsHooks;
    for (let i = 0; i < 5; i++) controller.enqueue({ type: 'snapshot/take', runId: run.id, label: `s${i}`, requestId: `r${i}` });
    expect(await controller.betweenSteps(7, hooks)).toBe(true);
    const refused = events.filter((e) => e.type === 'error');
    expect(refused.map((e) => e.type === 'error' && [e.requestId, e.code])).toEqual([
      ['r3', 'busy'],
      ['r4', 'busy'],
    ]);
    await controller.writes.idle();
    const taken = events.filter((e) => e.type === 'snapshot/taken');
    expect(taken.map((e) => e.type === 'snapshot/taken' && [e.requestId, e.snapshot.label])).toEqual([
      ['r0', 's0'],
      ['r1', 's1'],
      ['r2', 's2'],
    ]);
    expect(readdirSync(join(dir, 'snapshots'))).toHaveLength(3);
  });
});
