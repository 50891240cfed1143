/**
 * Serve mode's guard, tested against the real serve process built the way `npm run build`
 * builds it (esbuild bundle, real trainer child, real sockets; loopback addresses only): no
 * token, a wrong token, another site's page and a bind to another address without
 * --allow-remote are refused; wrong tokens are rate-limited over all addresses together and
 * never keep the right token out; the page's token check answers as the socket would; with the
 * token a run trains, snapshots and stops over the socket.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type TrainerEvent } from '../protocol.js';
import { bundleTrainer, type BundledTrainer } from '../testing/bundled-trainer.js';
import { EventPeer } from '../testing/event-peer.js';
import { startServe, type ServeHandle } from '../testing/start-serve.js';

let bundle: BundledTrainer;
let rendererDir: string;

beforeAll(async () => {
  bundle = await bundleTrainer();
  rendererDir = mkdtempSync(join(tmpdir(), 'stagecraft-serve-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Stagecraft</title>');
});
afterAll(() => {
  bundle?.remove();
  rmSync(rendererDir, { recursive: true, force: true });
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs the bundled serve.js; resolves once it printed its URL, or rejects with its output if it exits first. */
async function serve(args: string[]): Promise<ServeHandle> {
  const data = mkdtempSync(join(tmpdir(), 'stagecraft-serve-sec-'));
  cleanups.push(() => rmSync(data, { recursive: true, force: true }));
  const handle = await startServe(data, { entry: bundle.serveEntry, args: ['--renderer', rendererDir, ...args] }).catch((error: Error) => {
    throw new Error(error.message.replace(/^serve exited \((\d+)\) before it was ready: /, 'exit $1: '));
  });
  cleanups.push(() => handle.stop());
  return handle;
}

/** The socket address for a page address, on `host` if given; `token` replaces the page's. */
function socketUrl(pageUrl: string, token?: string | null, host?: string): string {
  const url = new URL(pageUrl);
  const t = token === undefined ? url.searchParams.get('token') : token;
  return `ws://${host ?? url.hostname}:${url.port}/ws${t === null ? '' : `?token=${encodeURIComponent(t ?? '')}`}`;
}

/** The page's pre-connect check for `token` (the page's own when undefined). */
function checkUrl(pageUrl: string, token?: string): string {
  const url = new URL(pageUrl);
  return `${url.origin}/ws/check?token=${encodeURIComponent(token ?? url.searchParams.get('token')!)}`;
}

/** A response as a comparable whole: status, headers except the clock, body. */
async function described(response: Response): Promise<string> {
  const headers = [...response.headers].filter(([name]) => name !== 'date');
  return JSON.stringify({ status: response.status, headers, body: await response.text() });
}

/** 'open' or the HTTP status the upgrade was refused with; `from` picks the loopback address it comes from. */
function attempt(url: string, { from, origin }: { from?: string; origin?: string } = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress: from, ...(origin ? { origin } : {}) });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(`${res.statusCode}${res.headers['retry-after'] ? ` retry-after` : ''}`));
    ws.once('error', (error) => resolve(`error: ${error.message}`));
  });
}

/** The page's token check from `from` (a loopback address), with `origin` if given: status and Retry-After. */
function check(url: string, { from, origin, host }: { from?: string; origin?: string; host?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress: from, headers: { ...(origin ? { origin } : {}), ...(host ? { host } : {}) } }, (res) => {
      res.resume();
      resolve(`${res.statusCode}${res.headers['retry-after'] ? ' retry-after' : ''}`);
    });
    req.once('error', reject);
    req.end();
  });
}

describe('serve mode refuses what it must', () => {
  it('refuses a socket without a token or with a wrong one (same length or not)', async () => {
    const { pageUrl } = await serve([]);
    expect(new URL(pageUrl).hostname).toBe('127.0.0.1');
    const token = new URL(pageUrl).searchParams.get('token')!;
    expect(await attempt(socketUrl(pageUrl, null))).toBe('401');
    expect(await attempt(socketUrl(pageUrl, 'wrong'))).toBe('401');
    expect(await attempt(socketUrl(pageUrl, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`))).toBe('401');
    expect(await attempt(socketUrl(pageUrl))).toBe('open');
  });

  it('answers the page’s token check as the socket would: the same refusal for every wrong token, under the same limit', async () => {
    const { pageUrl } = await serve([]);
    const token = new URL(pageUrl).searchParams.get('token')!;
    const right = await fetch(checkUrl(pageUrl));
    expect(right.status).toBe(204);
    expect(right.headers.get('cache-control')).toBe('no-store');
    const refusals = [];
    for (const wrong of ['wrong', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, '', `${token}x`]) refusals.push(await described(await fetch(checkUrl(pageUrl, wrong))));
    expect(JSON.parse(refusals[0]!).status).toBe(401);
    expect(new Set(refusals).size, 'every wrong token is refused alike').toBe(1);
    // Four wrong checks so far; the socket's wrong token is the fifth, which locks wrong tokens out for both.
    expect(await attempt(socketUrl(pageUrl, 'guess'))).toBe('401');
    const locked = await fetch(checkUrl(pageUrl, 'guess-again'));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await attempt(socketUrl(pageUrl, 'guess-3'))).toBe('429 retry-after');
    // ...and the right token is let in by both all along.
    expect((await fetch(checkUrl(pageUrl))).status).toBe(204);
    expect(await attempt(socketUrl(pageUrl))).toBe('open');
  });

  it('will not listen on another address without --allow-remote', async () => {
    for (const host of ['0.0.0.0', '127.0.0.2']) {
      await expect(serve(['--host', host])).rejects.toThrow(/exit 2: Refusing to listen on .*--allow-remote/);
    }
  });

  it('lets the right token in after 20 wrong ones from the same and other loopback addresses, which share one limit', async () => {
    const { pageUrl, waitForOutput } = await serve([]);
    const results: string[] = [];
    for (let i = 0; i < 20; i++) {
      // Alternating 127.0.0.1 with a fresh 127.0.0.x each time: a per-address limit would give each of those a new allowance.
      const from = i % 2 === 1 ? '127.0.0.1' : `127.0.0.${i + 2}`;
      results.push(await attempt(socketUrl(pageUrl, `guess-${i}`), { from }));
    }
    expect(results.slice(0, 5)).toEqual(['401', '401', '401', '401', '401']);
    expect(new Set(results.slice(5))).toEqual(new Set(['429 retry-after']));
    expect(await check(checkUrl(pageUrl, 'guess-20'), { from: '127.0.0.99' })).toBe('429 retry-after');
    // The fifth came from 127.0.0.6: serve saw the addresses apart, and counted them together.
    await waitForOutput(/5 wrong tokens \(the latest from 127\.0\.0\.6\): wrong tokens are refused with 429/);
    for (const from of ['127.0.0.1', '127.0.0.3', '127.0.0.200']) {
      expect(await attempt(socketUrl(pageUrl), { from }), from).toBe('open');
      expect(await check(checkUrl(pageUrl), { from }), from).toBe('204');
    }
  });

  it("refuses another site's page (403) on the socket and the token check, right token or not; the studio's own page and non-browser clients connect", async () => {
    const { pageUrl, waitForOutput } = await serve(['--allow-origin', 'http://studio.test:8080']);
    const own = new URL(pageUrl).origin;
    for (const origin of ['https://evil.example', 'http://127.0.0.1:1', 'null', `${own}.evil.example`]) {
      expect(await attempt(socketUrl(pageUrl), { origin }), origin).toBe('403');
      expect(await check(checkUrl(pageUrl), { origin }), origin).toBe('403');
    }
    await waitForOutput(/refused a socket from 127\.0\.0\.1 with 403: Origin "https:\/\/evil\.example" is not this studio's page/);
    const localhost = own.replace('127.0.0.1', 'localhost');
    for (const origin of [own, localhost, 'http://studio.test:8080', undefined]) expect(await attempt(socketUrl(pageUrl), { origin }), String(origin)).toBe('open');
    expect(await check(checkUrl(pageUrl), { origin: own })).toBe('204');
    // The page's own check carries no Origin: the name it was opened under is what its socket
    // will send, so a name serve does not know is refused here already and the page can say so.
    expect(await check(checkUrl(pageUrl), { host: 'studio.test:8080' })).toBe('204');
    expect(await check(checkUrl(pageUrl), { host: `unknown.example:${new URL(pageUrl).port}` })).toBe('403');
  });

  it('will not start with an --allow-origin that is not an origin', async () => {
    await expect(serve(['--allow-origin', 'studio.test'])).rejects.toThrow(/exit 2: --allow-origin studio\.test: give an origin/);
  });
});

describe('serve mode bound elsewhere with --allow-remote', () => {
  // 127.0.0.2 stands in for a network address: another address than 127.0.0.1 (so it needs
  // --allow-remote), but one the test reaches without leaving this machine.
  it('still needs the token there, and with it a run trains, snapshots and stops over the socket', async () => {
    const remote = '127.0.0.2';
    const { pageUrl, output } = await serve(['--host', remote, '--allow-remote']);
    expect(output()).toMatch(/From another machine: http:\/\/127\.0\.0\.2:\d+\/\?token=/);
    expect(await attempt(socketUrl(pageUrl, null, remote))).toBe('401');
    expect(await attempt(socketUrl(pageUrl, 'nope', remote))).toBe('401');

    const page = await fetch(`http://${remote}:${new URL(pageUrl).port}/`);
    expect(page.status).toBe(200);

    const ws = new WebSocket(socketUrl(pageUrl, undefined, remote));
    cleanups.push(() => ws.close());
    const peer = new EventPeer((raw) => ws.send(JSON.stringify(raw)));
    ws.on('message', (data) => peer.receive(JSON.parse(String(data)) as TrainerEvent));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    await peer.request({ type: 'hello', protocolVersion: PROTOCOL_VERSION, client: 'test' }, 'hello');
    await peer.request({ type: 'project/create', path: 'remote-project', name: 'Remote', withDemo: true }, 'project/opened');
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', preset: 'tiny', seed: 3 }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.runId === run.id && e.points.length > 0);
    const { snapshot } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'remote' }, 'snapshot/taken');
    expect(snapshot.step).toBeGreaterThan(0);
    await peer.request({ type: 'controls/set', runId: run.id, controls: { learningRate: 0.0005 } }, 'controls/applied');
    const stopped = await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    expect(stopped.run.state).toBe('stopped');
  });
});
