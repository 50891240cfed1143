import { describe, expect, it } from 'vitest';
import type { SnapshotInfo, SnapshotPolicy } from '../protocol.js';
import { IntervalTrigger } from './interval-trigger.js';
import { snapshotsToDelete } from './retention.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-06-30T12:00:00Z');
const at = (hoursAgo: number, reason = 'interval', id = `s-${hoursAgo}`): SnapshotInfo => ({
  id,
  step: Math.round(10_000 - hoursAgo * 10),
  reason,
  label: '',
  createdAt: new Date(NOW - hoursAgo * HOUR).toISOString(),
  bytes: 1,
  branch: 'main',
});
const policy: SnapshotPolicy = { interval: { every: 30, unit: 'minutes' }, keepLast: 3, hourlyForHours: 6, dailyForDays: 3 };
const ids = (list: SnapshotInfo[]) => list.map((s) => s.id);

describe('snapshot retention', () => {
  it('keeps the last N automatic snapshots, then one per hour, then one per day, and deletes the rest', () => {
    // Every 15 minutes for the last 4 days.
    const snapshots = Array.from({ length: 4 * 24 * 4 }, (_, i) => at(i / 4));
    const doomed = new Set(ids(snapshotsToDelete(snapshots, policy, new Set(), NOW)));
    const kept = snapshots.filter((s) => !doomed.has(s.id));
    const age = (s: SnapshotInfo) => (NOW - Date.parse(s.createdAt)) / HOUR;
    expect(kept.slice(0, 3).map(age)).toEqual([0, 0.25, 0.5]);
    const hourly = kept.filter((s) => age(s) > 0.5 && age(s) <= 6);
    // One per clock hour in the last six hours (the newest of each, beyond the three kept).
    expect(new Set(hourly.map((s) => Math.floor(Date.parse(s.createdAt) / HOUR))).size).toBe(hourly.length);
    expect(hourly.length).toBeGreaterThanOrEqual(5);
    const daily = kept.filter((s) => age(s) > 6);
    expect(new Set(daily.map((s) => Math.floor(Date.parse(s.createdAt) / (24 * HOUR)))).size).toBe(daily.length);
    expect(daily.length).toBeGreaterThanOrEqual(2);
    expect(daily.length).toBeLessThanOrEqual(4);
    // Nothing older than the daily window survives.
    expect(kept.every((s) => age(s) <= 3 * 24)).toBe(true);
  });

  it('never deletes a manual snapshot or one a branch forks from', () => {
    const snapshots = [at(200, 'manual', 'manual-old'), at(150, 'interval', 'forked-old'), at(100, 'interval', 'plain-old'), at(0), at(0.1), at(0.2)];
    const doomed = snapshotsToDelete(snapshots, policy, new Set(['forked-old']), NOW);
    expect(ids(doomed)).toEqual(['plain-old']);
  });

  it('keeps automatic snapshots of a risky transition like any other automatic one', () => {
    const snapshots = [at(0, 'auto before GAN on', 'a'), at(0.5, 'auto before random warp off', 'b'), at(0.8, 'collapse guard: loss spike', 'c'), at(3, 'interval', 'd'), at(100, 'auto before FP16 on', 'e')];
    // a: the newest; b: the newest of its hour (c shares it); d: the newest of its day; e: too old.
    expect(ids(snapshotsToDelete(snapshots, { ...policy, keepLast: 1, hourlyForHours: 2, dailyForDays: 1 }, new Set(), NOW))).toEqual(['e', 'c']);
  });
});

describe('interval snapshots', () => {
  it('fall due every N steps or every N minutes, counted from the last snapshot of any kind', () => {
    const trigger = new IntervalTrigger(0, 0);
    expect(trigger.due(99, 0, { every: 100, unit: 'steps' })).toBe(false);
    expect(trigger.due(100, 0, { every: 100, unit: 'steps' })).toBe(true);
    trigger.restart(100, 5 * 60_000);
    expect(trigger.due(150, 5 * 60_000, { every: 100, unit: 'steps' })).toBe(false);
    expect(trigger.due(101, 34 * 60_000, { every: 30, unit: 'minutes' })).toBe(false);
    expect(trigger.due(101, 35 * 60_000, { every: 30, unit: 'minutes' })).toBe(true);
    expect(trigger.due(10_000, 1e9, { every: 0, unit: 'minutes' })).toBe(false);
  });
});
