/**
 * Serve mode's guard, tested against the real serve process built the way `npm run build`
 * builds it (esbuild bundle, real trainer child, real sockets): no token, a wrong token and a
 * bind to another address without --allow-remote are refused; repeated wrong tokens are
 * rate-limited; the page's token check answers as the socket would; with the token a run
 * trains, snapshots and stops over the socket.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type TrainerEvent } from '../protocol.js';
import { bundleTrainer, type BundledTrainer } from '../testing/bundled-trainer.js';
import { EventPeer } from '../testing/event-peer.js';

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

interface Served {
  pageUrl: string;
  output: string;
}

/** Runs the built serve.js; resolves with its printed URL, or rejects with its output if it exits first. */
function serve(args: string[]): Promise<Served> {
  const data = mkdtempSync(join(tmpdir(), 'stagecraft-serve-sec-'));
  const child = spawn(process.execPath, [bundle.serveEntry, '--port', '0', '--data', data, '--renderer', rendererDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(data, { recursive: true, force: true });
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /STAGECRAFT_URL=(\S+)/.exec(output);
      if (match) resolve({ pageUrl: match[1] as string, output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exit ${code}: ${output.trim()}`)));
  });
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

/** 'open' or the HTTP status the upgrade was refused with. */
function attempt(url: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => resolve(`${res.statusCode}${res.headers['retry-after'] ? ` retry-after` : ''}`));
    ws.once('error', (error) => resolve(`error: ${error.message}`));
  });
}

function otherAddress(): string | null {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === 'IPv4');
  return found?.address ?? null;
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
    // Four wrong checks so far; the socket's wrong token is the fifth, which locks the address for both.
    expect(await attempt(socketUrl(pageUrl, 'guess'))).toBe('401');
    const locked = await fetch(checkUrl(pageUrl));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await attempt(socketUrl(pageUrl))).toBe('429 retry-after');
  });

  it('will not listen on another address without --allow-remote', async () => {
    for (const host of ['0.0.0.0', otherAddress()].filter((h): h is string => h !== null)) {
      await expect(serve(['--host', host])).rejects.toThrow(/exit 2: Refusing to listen on .*--allow-remote/);
    }
  });

  it('rate-limits wrong tokens per address, refusing even the right token while locked out', async () => {
    const { pageUrl } = await serve([]);
    const results: string[] = [];
    for (let i = 0; i < 6; i++) results.push(await attempt(socketUrl(pageUrl, `guess-${i}`)));
    expect(results).toEqual(['401', '401', '401', '401', '401', '429 retry-after']);
    expect(await attempt(socketUrl(pageUrl))).toBe('429 retry-after');
  });
});

describe('serve mode bound elsewhere with --allow-remote', () => {
  it('still needs the token there, and with it a run trains, snapshots and stops over the socket', async () => {
    const host = otherAddress();
    const { pageUrl, output } = await serve(['--host', host ?? '0.0.0.0', '--allow-remote']);
    expect(output).toMatch(/From another machine: http:\/\/\S+\/\?token=/);
    const remote = host ?? '127.0.0.1';
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
