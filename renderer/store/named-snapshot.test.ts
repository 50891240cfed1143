import { describe, expect, it } from 'vitest';
import type { SnapshotInfo } from '../../trainer/protocol';
import { namedSnapshot } from './selectors';

const snap = (id: string, step: number): SnapshotInfo => ({ id, step, reason: 'auto before GAN on', label: '', createdAt: 'x', bytes: 1, branch: 'main' });

describe('a collapse notice names the last good snapshot', () => {
  const snapshots = [snap('s-1', 1200), snap('s-2', 2400)];
  it('when the message gives its step, as the trainer words it', () => {
    const message = '5 steps in a row had a non-finite loss or gradient (last at step 2,410); the run was paused. Last good snapshot: step 2,400 (auto before GAN on).';
    expect(namedSnapshot(message, snapshots)?.id).toBe('s-2');
  });
  it('when the message gives its id', () => {
    expect(namedSnapshot('Paused. Roll back to s-1.', snapshots)?.id).toBe('s-1');
  });
  it('and not when it names none this window knows', () => {
    expect(namedSnapshot('Paused at step 2,410.', snapshots)).toBeNull();
    expect(namedSnapshot('Last good snapshot: step 999.', snapshots)).toBeNull();
  });
});
