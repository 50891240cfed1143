/**
 * Serve mode's downloads: a browser never sees the trainer's path (the event carries an address
 * instead), and the address gives the file only with the launch token, to a page of the studio,
 * while it lives; anything else is refused without saying where the file is.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadRegistry, downloadRoute } from './download-route.js';
import { FailureLimiter } from './failure-limiter.js';
import { tokenGate } from './token-gate.js';

const TOKEN = 'a'.repeat(43);
let dir: string;
let server: Server;
let base: string;
const registry = new DownloadRegistry();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-download-'));
  const gate = tokenGate(TOKEN, new FailureLimiter({ maxFailures: 100, baseLockMs: 1, maxLockMs: 1, forgetAfterMs: 1 }), () => undefined);
  const route = downloadRoute(registry, gate, (origin) => ({ allowed: origin === base, reason: 'another site' }));
  server = createServer((req, res) => {
    if (!route(req, res)) res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('downloads in serve mode', () => {
  it('swap the trainer’s path for an address, and give the file only with the token', async () => {
    const file = join(dir, 'run-1-main-metrics.csv');
    writeFileSync(file, 'step,time,loss\n1,2026-12-08T00:00:00.000Z,2.5\n');
    const event = registry.register({ type: 'download/ready', requestId: 'r1', runId: 'run-1', name: 'run-1-main-metrics.csv', bytes: 46, path: file });
    expect(event.path).toBeUndefined();
    expect(JSON.stringify(event)).not.toContain(dir);
    expect(event.url).toMatch(/^\/download\/[0-9a-f]{32}$/);

    const ok = await fetch(`${base}${event.url}?token=${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain('attachment; filename="run-1-main-metrics.csv"');
    expect(await ok.text()).toBe('step,time,loss\n1,2026-12-08T00:00:00.000Z,2.5\n');

    expect((await fetch(`${base}${event.url}`)).status).toBe(401);
    expect((await fetch(`${base}${event.url}?token=${'b'.repeat(43)}`)).status).toBe(401);
    expect((await fetch(`${base}/download/${'0'.repeat(32)}?token=${TOKEN}`)).status).toBe(404);
    expect((await fetch(`${base}/download/..%2F..%2Fetc%2Fpasswd?token=${TOKEN}`)).status).toBe(404);
    expect((await fetch(`${base}${event.url}?token=${TOKEN}`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    rmSync(file);
    expect((await fetch(`${base}${event.url}?token=${TOKEN}`)).status, 'a file gone since').toBe(404);
  });

  it('forget an address after ten minutes', () => {
    const event = registry.register({ type: 'download/ready', runId: 'run-1', name: 'x.bvh', bytes: 1, path: join(dir, 'x.bvh') }, 0);
    const id = event.url!.split('/').pop()!;
    expect(registry.take(id, 9 * 60_000)).not.toBeNull();
    expect(registry.take(id, 10 * 60_000)).toBeNull();
  });
});
