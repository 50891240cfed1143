/**
 * Adding a file to a written snapshot (how its preview arrives) survives the process being
 * killed at any moment: a real child process adds file after file to a snapshot and is
 * SIGKILLed at a random moment, 40 times. Every time the snapshot verifies (with or without
 * the file being added), and the next open leaves no half-added file behind. The trainer-level
 * crash test (crash-safety.test.ts) kills the trainer within 1.5 s of a snapshot write, mostly
 * before its evaluation worker is up, so additions are killed here.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../nn/rng.js';
import { verifySnapshot } from './read-snapshot.js';
import { listSnapshots, removeUnfinishedSnapshots } from './snapshot-folder.js';
import { TMP_PREFIX, type Manifest } from './snapshot-writer.js';

const TRIALS = 40;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let outdir: string;
let snapshotsDir: string;
beforeAll(async () => {
  // Bundled once (as bundled-trainer.ts does for the trainer): each start then takes a fraction of a second.
  const cache = join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  outdir = mkdtempSync(join(cache, 'stagecraft-amend-loop-'));
  await build({ bundle: true, platform: 'node', target: 'node20', packages: 'external', format: 'esm', entryPoints: { 'amend-loop': join(repoRoot, 'trainer/testing/amend-loop.ts') }, outdir, logLevel: 'warning' });
  snapshotsDir = mkdtempSync(join(tmpdir(), 'stagecraft-amend-crash-'));
});
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(snapshotsDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the loop and resolves, with its snapshot's id, once its first addition has begun. */
function startLoop(): Promise<{ id: string; kill(): Promise<NodeJS.Signals | null> }> {
  const child = fork(join(outdir, 'amend-loop.js'), [snapshotsDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the amend loop did not begin within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the amend loop exited (${code}) before it began`)));
    child.once('message', (message: { id: string }) => {
      clearTimeout(timer);
      resolve({
        id: message.id,
        kill: () => {
          child.kill('SIGKILL');
          return exited;
        },
      });
    });
  });
}

describe('adding a file to a snapshot, killed at random moments', () => {
  it(`leaves a snapshot that verifies every time, and nothing half-added after the next open (${TRIALS} kills)`, async () => {
    const rng = new Rng(5);
    let midAddition = 0;
    let added = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const loop = await startLoop();
      await sleep(rng.next() * 150);
      expect(await loop.kill()).toBe('SIGKILL');

      const dir = join(snapshotsDir, loop.id);
      const listed = Object.keys((JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest).files);
      const names = readdirSync(dir);
      // Killed inside an addition: its temporary file, or the file in place but not yet listed.
      if (names.some((name) => name.startsWith(TMP_PREFIX) || !listed.includes(name) && name !== 'manifest.json')) midAddition++;
      added += listed.filter((name) => name.startsWith('preview-')).length;
      expect(verifySnapshot(dir), `trial ${trial}`).toBeNull();

      removeUnfinishedSnapshots(snapshotsDir);
      expect(readdirSync(dir).filter((name) => name.startsWith(TMP_PREFIX))).toEqual([]);
      expect(listSnapshots(snapshotsDir).map((s) => s.id)).toContain(loop.id);
      expect(verifySnapshot(dir), `trial ${trial}, after the open`).toBeNull();
    }
    console.log(`${TRIALS} SIGKILLs while adding files to a snapshot: ${midAddition} inside an addition; ${added} additions completed in all`);
    // The kills really landed inside additions, and additions completed between them.
    expect(midAddition).toBeGreaterThanOrEqual(TRIALS / 3);
    expect(added).toBeGreaterThan(TRIALS);
  }, 300_000);
});
