import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetricPoint, SnapshotInfo } from '../protocol.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';
import { branchSeries, continueFrom, forkBranch, forkedSnapshotIds, metricsFileOf } from './branches.js';
import { testRunFile } from '../testing/run-file.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = testRunFile({ step: 30, plan: motionAutoencoder.defaultPlan });
const snap = (id: string, step: number, branch?: string): SnapshotInfo => ({ id, step, reason: 'manual', label: '', createdAt: '', bytes: 1, branch: branch ?? 'main' });
const log = (file: string, steps: number[], tag: number) => writeFileSync(file, steps.map((s): MetricPoint => ({ step: s, time: 0, values: { tag } })).map((p) => JSON.stringify(p) + '\n').join(''));

describe('branches of a run', () => {
  it('fork the history at the snapshot: the new branch shows its parent up to there, then its own points; the parent keeps all of its own', () => {
    dir = mkdtempSync(join(tmpdir(), 'stagecraft-branches-'));
    const forked = forkBranch(run, snap('step-00000010-a', 10));
    expect(forked.branch).toBe('branch-1');
    log(metricsFileOf(dir, 'main'), [1, 5, 10, 15, 20, 30], 0);
    log(metricsFileOf(dir, 'branch-1'), [11, 12], 1);
    expect(branchSeries(dir, forked, 'branch-1').map((p) => [p.step, p.values.tag])).toEqual([[1, 0], [5, 0], [10, 0], [11, 1], [12, 1]]);
    expect(branchSeries(dir, forked, 'main').map((p) => p.step)).toEqual([1, 5, 10, 15, 20, 30]);

    // A branch of a branch, forked at a snapshot taken on branch-1.
    const nested = forkBranch(forked, snap('step-00000012-b', 12, 'branch-1'));
    log(metricsFileOf(dir, 'branch-2'), [13], 2);
    expect(branchSeries(dir, nested, 'branch-2').map((p) => [p.step, p.values.tag])).toEqual([[1, 0], [5, 0], [10, 0], [11, 1], [12, 1], [13, 2]]);
    expect(forkedSnapshotIds([nested])).toEqual(new Set(['step-00000010-a', 'step-00000012-b']));
  });

  it('keep a late evaluation point (logged after newer steps) in the branch and do not let it reopen the parent past the fork', () => {
    dir = mkdtempSync(join(tmpdir(), 'stagecraft-branches-'));
    const forked = forkBranch(run, snap('step-00000010-a', 10));
    // The evaluation worker's answer for step 10 lands after step 15 was logged on main.
    log(metricsFileOf(dir, 'main'), [5, 10, 15, 10, 20], 0);
    log(metricsFileOf(dir, 'branch-1'), [11, 12], 1);
    expect(branchSeries(dir, forked, 'branch-1').map((p) => p.step)).toEqual([5, 10, 10, 11, 12]);
    expect(branchSeries(dir, forked, 'main').map((p) => p.step)).toEqual([5, 10, 15, 10, 20]);
  });

  it('discard what came after only within the branch’s own history; elsewhere a new branch is needed', () => {
    const forked = forkBranch(run, snap('step-00000010-a', 10));
    // An earlier snapshot on main is in branch-1's history: branch-1 now forks there.
    const earlier = continueFrom(forked, snap('step-00000005-c', 5));
    expect(earlier.branches?.[0]).toMatchObject({ name: 'branch-1', parent: 'main', forkStep: 5, snapshotId: 'step-00000005-c' });
    // A later snapshot on main happened after branch-1 left it.
    expect(() => continueFrom(forked, snap('step-00000020-d', 20))).toThrow(/not in the history of branch 'branch-1'; restore it as a new branch/);
    // On its own branch it simply continues.
    expect(continueFrom(forked, snap('step-00000011-e', 11, 'branch-1'))).toBe(forked);
    // Back on main, discarding past step 10 would cut branch-1's history: refused; at or after it, fine.
    const onMain = { ...forked, branch: 'main' };
    expect(() => continueFrom(onMain, snap('step-00000005-c', 5))).toThrow(/Branch 'branch-1' grew out of 'main' at step 10.*new branch/);
    expect(continueFrom(onMain, snap('step-00000020-d', 20))).toBe(onMain);
  });
});
