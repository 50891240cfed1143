/**
 * One bad frame ends one socket, never serve mode. Against the real serve process (and its real
 * trainer child), each kind of malformed or oversize WebSocket input is sent as raw TCP bytes
 * on its own authorised socket: that socket gets a close frame with the code RFC 6455 names,
 * serve logs why, and meanwhile another window stays connected, answers every round trip from
 * the same trainer, and finally trains a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, type ServeClient } from '../testing/serve-client.js';
import { frame, OP, rawUpgrade } from '../testing/raw-websocket.js';
import { startServe, type ServeHandle } from '../testing/start-serve.js';
import { SERVE_LIMITS } from './serve-limits.js';

const MiB = 1 << 20;
const closeFrame = (code: number, extra = '') => {
  const payload = Buffer.alloc(2 + extra.length);
  payload.writeUInt16BE(code, 0);
  payload.write(extra, 2);
  return frame({ opcode: OP.close, payload });
};

/** Each kind: the bytes after the upgrade, the close code serve must answer, and words its log line holds. */
const KINDS: { name: string; bytes: () => Buffer; code: number; logged: RegExp }[] = [
  { name: 'a text message over 1 MiB', bytes: () => frame({ opcode: OP.text, payload: Buffer.alloc(MiB + 1, 0x61) }), code: 1009, logged: /Max payload size exceeded/ },
  {
    name: 'a 14-byte header claiming a 2^40-byte payload',
    bytes: () => frame({ opcode: OP.text, payload: 'x', claimLength: 2n ** 40n }).subarray(0, 14),
    code: 1009,
    logged: /Max payload size exceeded/,
  },
  {
    name: 'a text message over 1 MiB in two fragments',
    bytes: () => Buffer.concat([frame({ opcode: OP.text, fin: false, payload: Buffer.alloc(600_000, 0x61) }), frame({ opcode: OP.continuation, payload: Buffer.alloc(600_000, 0x61) })]),
    code: 1009,
    logged: /Max payload size exceeded/,
  },
  {
    name: 'a message in more fragments than allowed',
    bytes: () => Buffer.concat([frame({ opcode: OP.text, fin: false, payload: 'a' }), ...Array.from({ length: SERVE_LIMITS.maxFragments + 1 }, () => frame({ opcode: OP.continuation, fin: false, payload: 'a' }))]),
    code: 1008,
    logged: /Too many message fragments/,
  },
  { name: 'invalid UTF-8', bytes: () => frame({ opcode: OP.text, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }), code: 1007, logged: /invalid UTF-8 sequence/ },
  { name: 'an unmasked client frame', bytes: () => frame({ opcode: OP.text, payload: '{}', masked: false }), code: 1002, logged: /MASK must be set/ },
  { name: 'RSV1 set', bytes: () => frame({ opcode: OP.text, payload: '{}', rsv: 0x40 }), code: 1002, logged: /RSV1 must be clear/ },
  { name: 'RSV2 and RSV3 set', bytes: () => frame({ opcode: OP.text, payload: '{}', rsv: 0x30 }), code: 1002, logged: /RSV2 and RSV3 must be clear/ },
  { name: 'opcode 3 (reserved data)', bytes: () => frame({ opcode: 3, payload: '{}' }), code: 1002, logged: /invalid opcode 3/i },
  { name: 'opcode 11 (reserved control)', bytes: () => frame({ opcode: 0xb }), code: 1002, logged: /invalid opcode 11/i },
  { name: 'close code 999', bytes: () => closeFrame(999), code: 1002, logged: /invalid status code 999/ },
  { name: 'a close frame with a one-byte body', bytes: () => frame({ opcode: OP.close, payload: Buffer.from([3]) }), code: 1002, logged: /invalid payload length 1/ },
  { name: 'a fragmented ping', bytes: () => frame({ opcode: OP.ping, fin: false, payload: 'p' }), code: 1002, logged: /FIN must be set/ },
  { name: 'a ping with a 126-byte body', bytes: () => frame({ opcode: OP.ping, payload: Buffer.alloc(126) }), code: 1002, logged: /invalid payload length 126/ },
  { name: 'a stray continuation', bytes: () => frame({ opcode: OP.continuation, payload: '{}' }), code: 1002, logged: /invalid opcode 0/ },
  {
    name: 'a new message inside a fragmented one',
    bytes: () => Buffer.concat([frame({ opcode: OP.text, fin: false, payload: '{' }), frame({ opcode: OP.text, payload: '}' })]),
    code: 1002,
    logged: /invalid opcode 1/,
  },
];

let dataDir: string;
let serve: ServeHandle;
let window: ServeClient;
let trainerPid: number;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'stagecraft-serve-frames-'));
  serve = await startServe(dataDir);
  window = await connectClient(serve.socketUrl);
  trainerPid = await window.ping();
});
afterAll(async () => {
  window?.ws.close();
  await serve?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a bad frame closes its own socket and nothing else', () => {
  // The other window is #1; each kind's socket is the next client number.
  it.each(KINDS.map((kind, i) => ({ ...kind, client: i + 2 })))('$name → $code', async ({ bytes, code, logged, client }) => {
    const raw = await rawUpgrade(serve.socketUrl);
    expect(raw.status).toBe(101);
    raw.socket.write(bytes());
    const closed = await withTimeout(raw.closed, 10_000, 'the close frame');
    expect(closed.code).toBe(code);
    const line = await serve.waitForOutput(new RegExp(`client #${client} \\(127\\.0\\.0\\.1\\) closed with ${code} after a bad frame: .*`), 10_000);
    expect(line[0]).toMatch(logged);
    raw.socket.destroy();
    // Serve and the trainer are the same processes, and the other window still gets answers.
    expect(serve.alive()).toBe(true);
    expect(await window.ping()).toBe(trainerPid);
    expect(window.closedWith()).toBeNull();
  });

  it('survives clients that reset mid-upgrade or do not speak HTTP at all', async () => {
    const url = new URL(serve.socketUrl);
    // A refused upgrade (wrong path) whose client resets before the refusal is written.
    for (let i = 0; i < 20; i++) {
      const raw = await rawUpgrade(`ws://${url.host}/not-the-socket`);
      expect(raw.status).toBe(404);
      raw.socket.resetAndDestroy();
    }
    const garbage = connect({ host: url.hostname, port: Number(url.port) });
    garbage.on('error', () => {});
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      garbage.on('data', (d) => (text += d.toString('latin1')));
      garbage.on('close', () => resolve(text));
      garbage.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x00, 0x00]));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(serve.alive()).toBe(true);
    expect(await window.ping()).toBe(trainerPid);
  });

  it('after all of them, the other window trains a run with the same trainer, and a new window connects', async () => {
    const { peer } = window;
    await peer.request({ type: 'project/create', path: 'frames', name: 'Frames', withDemo: true }, 'project/opened');
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', preset: 'tiny', seed: 1 }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.runId === run.id && e.points.length > 0);
    const another = await connectClient(serve.socketUrl);
    expect(await another.ping()).toBe(trainerPid);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    another.ws.close();
    expect(window.closedWith()).toBeNull();
  });
});

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}
