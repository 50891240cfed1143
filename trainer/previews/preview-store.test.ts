/** The sample history on disk: what is kept reads back whole, long histories thin, bad files are named. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreviewSample } from '../protocol.js';
import { previewClipOf, wavBesideClip } from './preview-clip.js';
import { PreviewFileError, previewIdOf, PreviewStore } from './preview-store.js';

let runDir: string;
beforeEach(() => {
  runDir = mkdtempSync(join(tmpdir(), 'stagecraft-preview-store-'));
});
afterEach(() => rmSync(runDir, { recursive: true, force: true }));

const shared = { clip: 'clip-000', fps: 30, frames: 4, parents: [-1, 0], truth: 'dHJ1dGg=', audio: null };
function sample(step: number, branch = 'main'): PreviewSample & { id: string } {
  return { ...shared, id: previewIdOf(step, branch), step, branch, createdAt: '2025-01-01T00:00:00.000Z', generated: `g${step}` };
}

describe('preview store', () => {
  it('keeps previews per step and branch and reads each back with what its clip shares', () => {
    const store = PreviewStore.ofRun(runDir);
    store.writeClip(shared);
    store.keep(sample(0));
    store.keep(sample(50));
    store.keep(sample(50, 'branch-1'));
    expect(store.list().map((e) => e.id)).toEqual(['00000000', '00000050-branch-1', '00000050']);
    expect(store.read('00000050-branch-1')).toEqual({ ...sample(50, 'branch-1') });
  });

  it('stays at 200 previews on a long run, the first one kept', () => {
    const store = PreviewStore.ofRun(runDir);
    store.writeClip(shared);
    for (let step = 0; step <= 250 * 10; step += 10) store.keep(sample(step));
    const entries = store.list();
    expect(entries).toHaveLength(200);
    expect(entries[0]!.step).toBe(0);
    expect(entries.at(-1)!.step).toBe(2500);
  });

  it('thins a branch against its own previews only, so a branch restored from an early step keeps what it writes', () => {
    const store = PreviewStore.ofRun(runDir);
    store.writeClip(shared);
    for (let step = 0; step <= 210 * 10; step += 10) store.keep(sample(step));
    for (let step = 500; step <= 550; step += 10) expect(store.keep(sample(step, 'branch-1'))).toEqual([]);
    const branch = store.list().filter((e) => e.branch === 'branch-1');
    expect(branch.map((e) => e.step)).toEqual([500, 510, 520, 530, 540, 550]);
    expect(store.list().filter((e) => e.branch === 'main')).toHaveLength(200);
  });

  it('a restore that discards what came after removes that branch’s later previews and no other’s', () => {
    const store = PreviewStore.ofRun(runDir);
    store.writeClip(shared);
    for (const step of [0, 50, 100, 150]) store.keep(sample(step));
    store.keep(sample(100, 'branch-1'));
    store.keep(sample(150, 'branch-1'));
    expect(store.discardAfter('main', 50)).toEqual(['00000100', '00000150']);
    expect(store.list().map((e) => e.id)).toEqual(['00000000', '00000050', '00000100-branch-1', '00000150-branch-1']);
  });

  it('names a missing or unreadable preview file', () => {
    const store = PreviewStore.ofRun(runDir);
    expect(() => store.read('00000007')).toThrow(PreviewFileError);
    expect(() => store.read('00000007')).toThrow(/00000007/);
    store.writeClip(shared);
    store.keep(sample(0));
    writeFileSync(join(store.dir, '00000000.json'), '{"format": "stagecr');
    expect(() => store.read('00000000')).toThrow(/00000000\.json' cannot be read/);
  });

  it('remembers the interval, 50 steps until set', () => {
    expect(PreviewStore.ofRun(runDir).everySteps()).toBe(50);
    PreviewStore.ofRun(runDir).setEverySteps(0);
    expect(PreviewStore.ofRun(runDir).everySteps()).toBe(0);
  });
});

describe('preview clip', () => {
  it('is the first validation clip long enough for the model, with the WAV beside it whatever the case of .wav', () => {
    const data = { validation: [{ name: 'short', file: 'validation/short.bvh', frames: 100 }, { name: 'take', file: 'validation/take.bvh', frames: 300 }] };
    expect(previewClipOf(data, 240)).toEqual({ name: 'take', file: 'validation/take.bvh', frames: 300 });
    expect(previewClipOf(data, 400)).toBeNull();
    expect(previewClipOf({}, 10)).toBeNull();
    writeFileSync(join(runDir, 'take.WAV'), '');
    expect(wavBesideClip(runDir, 'take.bvh')).toBe(join(runDir, 'take.WAV'));
    expect(wavBesideClip(runDir, 'other.bvh')).toBeNull();
  });
});
