/**
 * Stopping serve mode stops the run cleanly, against the real serve process and trainer: on
 * SIGTERM (a service manager, `kill`) and on SIGINT sent to serve's whole process group (Ctrl-C
 * in a terminal, which reaches the trainer child too), a run that is training gets the Stop a
 * person would press (a snapshot at the step it stopped, then 'stopped' in run.json), the
 * windows are told serve is going away (1001), and serve exits 0.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient } from '../testing/serve-client.js';
import { startServe, type ServeHandle } from '../testing/start-serve.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Serve with a run that has trained a few steps, and the window watching it. */
async function trainingServe(): Promise<{ serve: ServeHandle; dataDir: string; runId: string; window: Awaited<ReturnType<typeof connectClient>> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-serve-shutdown-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const serve = await startServe(dataDir, { detached: true });
  cleanups.push(() => serve.kill());
  const window = await connectClient(serve.socketUrl);
  const { peer } = window;
  await peer.request({ type: 'project/create', path: 'shutdown', name: 'Shutdown', withDemo: true }, 'project/opened');
  const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', preset: 'tiny', seed: 4 }, 'run/created');
  await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
  await peer.next('metrics/batch', (e) => e.runId === run.id && e.points.length > 0);
  return { serve, dataDir, runId: run.id, window };
}

function runFolder(dataDir: string, runId: string): string {
  return join(dataDir, 'shutdown', 'runs', runId);
}

function expectStoppedWithSnapshot(dataDir: string, runId: string): void {
  const run = JSON.parse(readFileSync(join(runFolder(dataDir, runId), 'run.json'), 'utf8')) as { state: string; step: number };
  expect(run.state).toBe('stopped');
  const manifests = readdirSync(join(runFolder(dataDir, runId), 'snapshots')).map(
    (id) => JSON.parse(readFileSync(join(runFolder(dataDir, runId), 'snapshots', id, 'manifest.json'), 'utf8')) as { kind?: string; step: number },
  );
  expect(manifests.filter((m) => m.kind === 'stop').map((m) => m.step)).toEqual([run.step]);
}

describe('serve mode stops the live run before it exits', () => {
  it('on SIGTERM', async () => {
    const { serve, dataDir, runId, window } = await trainingServe();
    const closed = new Promise<number>((resolve) => window.ws.once('close', resolve));
    expect(await serve.signal('SIGTERM')).toBe(0);
    expect(await closed).toBe(1001);
    expect(serve.output()).toMatch(/SIGTERM: stopped run '[^']+' at step \d+ \(snapshot first\)/);
    expectStoppedWithSnapshot(dataDir, runId);
  });

  it.skipIf(process.platform === 'win32')('on SIGINT to its whole process group, as Ctrl-C in a terminal sends it', async () => {
    const { serve, dataDir, runId } = await trainingServe();
    expect(await serve.signal('SIGINT', { group: true })).toBe(0);
    expect(serve.output()).toMatch(/SIGINT: stopped run '[^']+' at step \d+ \(snapshot first\)/);
    expectStoppedWithSnapshot(dataDir, runId);
  });
});
