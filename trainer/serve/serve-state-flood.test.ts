/**
 * A window that floods `state/get` (each answer is the run's whole state, history included)
 * costs the trainer a bounded amount of memory and the run most of nothing, against the real
 * serve process and trainer: serve answers what is beyond its command limit with 'busy' at
 * once (a state/get counts as ten commands: serve-limits.ts), and every answer that reaches the
 * trainer carries a capped history. The flood is 2,000 commands a second for 3 s, 400 times
 * the 5 a second serve lets through.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type MetricPoint } from '../protocol.js';
import { residentBytes, samplePeak } from '../testing/process-memory.js';
import { connectClient, type ServeClient } from '../testing/serve-client.js';
import { startServe, type ServeHandle } from '../testing/start-serve.js';

const MiB = 2 ** 20;
/** What the trainer may grow by while it answers the flood: answers in flight on its pipe, and their garbage. */
const TRAINER_MEMORY_BOUND = 96 * MiB;
const FLOOD_MS = 3_000;

let dataDir: string;
let serve: ServeHandle;
let window: ServeClient;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-state-flood-'));
  serve = await startServe(dataDir);
  window = await connectClient(serve.socketUrl);
});
afterAll(async () => {
  window?.ws.close();
  await serve?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Steps the run logged per second between two moments, from the points the window received. */
function stepsPerSecond(points: readonly MetricPoint[], from: number, to: number): number {
  const inside = points.filter((p) => p.late !== true && p.time >= from && p.time <= to);
  if (inside.length < 2) return 0;
  return (inside.at(-1)!.step - inside[0]!.step) / ((inside.at(-1)!.time - inside[0]!.time) / 1000);
}

describe('a state/get flood', () => {
  it('keeps the trainer within its memory bound and the run at half its pace or more', async () => {
    const { peer } = window;
    const hello = await peer.request({ type: 'hello', protocolVersion: PROTOCOL_VERSION, client: 'flood test' }, 'hello');
    await peer.request({ type: 'project/create', path: 'flood', name: 'Flood', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 2, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 200));
    const points = () => peer.events.flatMap((e) => (e.type === 'metrics/batch' ? e.points : []));
    const before = Date.now();
    await new Promise((resolve) => setTimeout(resolve, FLOOD_MS));
    const pace = stepsPerSecond(points(), before, Date.now());

    const flooder = await connectClient(serve.socketUrl);
    const baseline = residentBytes(hello.pid);
    const sampler = samplePeak(hello.pid);
    const started = Date.now();
    let sent = 0;
    while (Date.now() - started < FLOOD_MS) {
      for (let i = 0; i < 100; i++) flooder.ws.send(JSON.stringify({ type: 'state/get', requestId: `flood-${sent++}` }));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const during = stepsPerSecond(points(), started, Date.now());
    const peak = sampler.stop();
    flooder.ws.close();
    const answered = flooder.peer.events.filter((e) => e.type === 'session/state');
    console.log(`state/get flood: ${sent} sent, ${answered.length} answered in full; trainer ${(baseline / MiB).toFixed(0)} MiB, peak +${((peak - baseline) / MiB).toFixed(0)} MiB; ${pace.toFixed(0)} → ${during.toFixed(0)} steps/s`);
    expect(answered.length).toBeGreaterThan(0);
    expect(peak - baseline).toBeLessThan(TRAINER_MEMORY_BOUND);
    expect(during).toBeGreaterThanOrEqual(pace / 2);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
  });
});
