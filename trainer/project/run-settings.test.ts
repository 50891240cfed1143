/** A settings change makes the same record and answer wherever it is saved (live controller or stopped run). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SNAPSHOT_POLICY } from '../snapshots/retention.js';
import type { RunFile } from './project-store.js';
import { changeSettings } from './run-settings.js';

const run = { id: 'run-1', name: 'Run', guard: { pauseOnDrop: false } } as unknown as RunFile;

describe('changeSettings', () => {
  it('merges a partial guard or policy with what the run had (or the defaults), and leaves the rest of the record alone', () => {
    const guard = changeSettings(run, { type: 'guard/set', runId: 'run-1', settings: { likenessDrop: 4 } });
    expect(guard.run.guard).toEqual({ likenessDrop: 4, evaluations: 2, pauseOnDrop: false });
    expect(guard.run.name).toBe('Run');
    expect(guard.answer).toMatchObject({ type: 'run/updated', reason: 'guard settings changed' });
    const policy = changeSettings(run, { type: 'snapshot/policy', runId: 'run-1', policy: { keepLast: 3 }, requestId: 'r1' });
    expect(policy.run.snapshotPolicy).toEqual({ ...DEFAULT_SNAPSHOT_POLICY, keepLast: 3 });
    expect(policy.answer).toEqual({ type: 'snapshot/policy', requestId: 'r1', runId: 'run-1', policy: policy.run.snapshotPolicy });
    expect(run.snapshotPolicy).toBeUndefined(); // the run passed in is not changed
  });

  it('says autopilot on or off', () => {
    expect(changeSettings(run, { type: 'run/autopilot', runId: 'run-1', enabled: true })).toMatchObject({ run: { autopilot: true }, answer: { reason: 'autopilot on' } });
  });
});
