/**
 * A window that stops reading, and one that floods commands, cost serve mode a bounded amount
 * of memory and cost the other windows nothing. Against the real serve process and trainer,
 * while a run trains:
 * - a client upgrades, stops reading, and asks for 300 previews (~450 KB each, broadcast to
 *   every window): a burst of 100 is served, far more than it may have waiting, so serve drops
 *   it and says so;
 * - a client that reads asks for 1,000 previews at once: a burst is served, the rest are
 *   refused with 'busy' at once, each answered exactly once, none queued for later;
 * - serve's resident memory stays within SERVE_MEMORY_BOUND of where it started, and the window
 *   that behaved still gets the run's events.
 * About 90 MB of previews go to the stalled client's socket; held for it, serve grows by about
 * 130 MiB (measured with the cap lifted), so the bound tells the cap at work from its absence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainerEvent } from '../protocol.js';
import { residentBytes, samplePeak } from '../testing/process-memory.js';
import { frame, OP, rawUpgrade } from '../testing/raw-websocket.js';
import { connectClient, type ServeClient } from '../testing/serve-client.js';
import { startServe, type ServeHandle } from '../testing/start-serve.js';
import { SERVE_LIMITS } from './serve-limits.js';

const MiB = 2 ** 20;
/**
 * What serve may grow by: the slow client's cap, plus the events in flight to the windows that
 * read and the garbage of relaying ~90 MB of them, not yet collected (40-45 MiB measured
 * with every client reading).
 */
const SERVE_MEMORY_BOUND = SERVE_LIMITS.maxBufferedBytes + 64 * MiB;
const FLOOD = 1_000;

let dataDir: string;
let serve: ServeHandle;
let window: ServeClient;
let runId: string;
let previewId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-serve-backpressure-'));
  serve = await startServe(dataDir);
  window = await connectClient(serve.socketUrl);
  const { peer } = window;
  await peer.request({ type: 'project/create', path: 'flood', name: 'Flood', withDemo: true }, 'project/opened');
  const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', preset: 'tiny', seed: 2 }, 'run/created');
  runId = run.id;
  await peer.request({ type: 'run/start', runId }, 'run/state');
  const first = await peer.next('preview/ready', (e) => e.runId === runId && e.preview.id !== undefined);
  previewId = first.preview.id as string;
});
afterAll(async () => {
  window?.ws.close();
  await serve?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('serve mode under a client that does not read and a command flood', () => {
  it('drops the client that does not read, refuses the flood, stays within its memory bound, and the other window still gets events', async () => {
    const baseline = residentBytes(serve.pid);
    const sampler = samplePeak(serve.pid);
    try {
      // The client that stops reading: paused right after the upgrade, then asks for previews.
      const previewsSeenBefore = window.peer.events.length;
      const stalled = await rawUpgrade(serve.socketUrl);
      expect(stalled.status).toBe(101);
      stalled.socket.pause();
      const asks = Array.from({ length: SERVE_LIMITS.commandBurst * 3 }, (_, i) => frame({ opcode: OP.text, payload: JSON.stringify({ type: 'preview/get', runId, previewId, requestId: `stalled-${i}` }) }));
      stalled.socket.write(Buffer.concat(asks));

      // The flood from a client that reads: every command is answered once, most with 'busy'.
      const flooder = await connectClient(serve.socketUrl);
      const answers = new Map<string, TrainerEvent['type'] | 'busy'>();
      const allAnswered = new Promise<void>((resolve, reject) => {
        flooder.ws.on('message', (data) => {
          const event = JSON.parse(String(data)) as TrainerEvent;
          const rid = 'requestId' in event ? event.requestId : undefined;
          if (!rid?.startsWith('flood-')) return;
          if (answers.has(rid)) reject(new Error(`${rid} was answered twice`));
          answers.set(rid, event.type === 'error' && event.code === 'busy' ? 'busy' : event.type);
          if (answers.size === FLOOD) resolve();
        });
      });
      for (let i = 0; i < FLOOD; i++) flooder.ws.send(JSON.stringify({ type: 'preview/get', runId, previewId, requestId: `flood-${i}` }));
      await allAnswered;
      const served = [...answers.values()].filter((a) => a === 'preview/ready').length;
      // A burst, and what the rate refilled while serve read the flood (it arrives within a second or so).
      expect(served).toBeGreaterThanOrEqual(SERVE_LIMITS.commandBurst);
      expect(served).toBeLessThan(SERVE_LIMITS.commandBurst + SERVE_LIMITS.commandsPerSecond * 5);
      expect([...answers.values()].filter((a) => a === 'busy')).toHaveLength(FLOOD - served);
      await serve.waitForOutput(/client #3 \(127\.0\.0\.1\): refused a command: it sent more than 100 commands at once or 50 a second/);

      // Serve drops the stalled client once it is more than the cap behind, and says so.
      const limit = SERVE_LIMITS.maxBufferedBytes / MiB;
      const dropped = await serve.waitForOutput(new RegExp(`client #2 \\(127\\.0\\.0\\.1\\) dropped: ([\\d.]+) MiB of events waiting unread \\(the limit is ${limit} MiB\\); it can reconnect; it had (\\d+) commands refused`), 60_000);
      expect(Number(dropped[1])).toBeGreaterThan(SERVE_LIMITS.maxBufferedBytes / MiB);
      // Two bursts' worth of its asks were refused (give or take what the rate refilled meanwhile).
      expect(Number(dropped[2])).toBeGreaterThan(SERVE_LIMITS.commandBurst * 2 - 10);
      // Reading again, it finds what the kernel still held for it, then the end of the connection.
      stalled.socket.resume();
      expect((await stalled.closed).code).toBeNull();

      // The window that reads got the previews the stalled one asked for, and the run goes on for it.
      let seen = previewsSeenBefore;
      for (let i = 0; i < SERVE_LIMITS.commandBurst - 10; i++) {
        const preview = await window.peer.next('preview/ready', (e) => e.requestId?.startsWith('stalled-') === true, { since: seen });
        seen = window.peer.events.indexOf(preview) + 1;
      }
      await window.peer.next('metrics/batch', (e) => e.runId === runId, { since: window.peer.events.length });
      expect(window.closedWith()).toBeNull();
      flooder.ws.close();
    } finally {
      const peak = sampler.stop();
      console.log(`serve resident memory: ${(baseline / MiB).toFixed(0)} MiB at start, peak ${(peak / MiB).toFixed(0)} MiB (+${((peak - baseline) / MiB).toFixed(0)} MiB; bound +${SERVE_MEMORY_BOUND / MiB} MiB)`);
      expect(peak - baseline).toBeLessThan(SERVE_MEMORY_BOUND);
    }
  });
});
