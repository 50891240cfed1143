/** Which previews a branch's sample history shows: the rule both the trainer and the window use. */
import { describe, expect, it } from 'vitest';
import { branchPreviewHistory, inBranchHistory } from '../protocol.js';

const entry = (step: number, branch = 'main') => ({ id: `${step}-${branch}`, step, branch });
const branches = [
  { name: 'branch-1', parent: 'main', forkStep: 100 },
  { name: 'branch-2', parent: 'branch-1', forkStep: 200 },
];
const entries = [entry(0), entry(50), entry(100), entry(150), entry(300), entry(100, 'branch-1'), entry(150, 'branch-1'), entry(250, 'branch-1'), entry(200, 'branch-2'), entry(400, 'branch-2')];
const ids = (branch: string) => branchPreviewHistory(entries, branches, branch).map((e) => e.id);

describe('a branch’s sample history', () => {
  it('is its own previews after its fork and its ancestors’ up to each fork, the nearer branch’s at a shared step', () => {
    expect(ids('main')).toEqual(['0-main', '50-main', '100-main', '150-main', '300-main']);
    expect(ids('branch-1')).toEqual(['0-main', '50-main', '100-branch-1', '150-branch-1', '250-branch-1']);
    expect(ids('branch-2')).toEqual(['0-main', '50-main', '100-branch-1', '150-branch-1', '200-branch-2', '400-branch-2']);
  });

  it('says whether a live preview belongs to the branch being viewed', () => {
    expect(inBranchHistory(entry(400, 'branch-2'), branches, 'main')).toBe(false);
    expect(inBranchHistory(entry(300), branches, 'branch-1')).toBe(false);
    expect(inBranchHistory(entry(50), branches, 'branch-2')).toBe(true);
    expect(inBranchHistory(entry(250, 'branch-1'), branches, 'branch-2')).toBe(false);
  });

  it('ends at a loop or an unknown parent instead of hanging', () => {
    const loop = [
      { name: 'a', parent: 'b', forkStep: 10 },
      { name: 'b', parent: 'a', forkStep: 20 },
    ];
    expect(branchPreviewHistory([entry(5, 'a'), entry(5, 'b'), entry(15, 'b')], loop, 'a').map((e) => e.id)).toEqual(['5-a']);
    expect(branchPreviewHistory([entry(5, 'x'), entry(5)], [{ name: 'x', parent: 'gone', forkStep: 9 }], 'x').map((e) => e.id)).toEqual(['5-x']);
  });
});
