/**
 * Malformed and unknown commands, sent over each of the three transports to a real trainer,
 * get an error event and change nothing. Node IPC and WebSocket run the real trainer process;
 * Electron's parentPort cannot run here (no Electron binary), so it is driven in-process with
 * a port object of the same shape, in front of the real session.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type TrainerEvent } from '../protocol.js';
import { selectBackend } from '../engine/backend.js';
import { startTrainerChild, type TrainerChild } from '../serve/trainer-child.js';
import { Session } from '../session/session.js';
import { expectBadCommandsRejected } from '../testing/bad-commands.js';
import { EventPeer } from '../testing/event-peer.js';
import { startServe, type ServeHandle } from '../testing/start-serve.js';
import { parentPortTransport, type ParentPortLike } from './parent-port.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-transport-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('every transport rejects bad commands and leaves the run unchanged', () => {
  it('Node IPC (child_process.fork)', async () => {
    const dir = tempDir();
    const child: TrainerChild = startTrainerChild({ STAGECRAFT_DATA: dir });
    cleanups.push(() => child.stop());
    const peer = new EventPeer((raw) => child.process.send(raw as object));
    child.onEvent(peer.receive);
    await peer.next('hello');
    await expectBadCommandsRejected(peer, dir);
  });

  it('WebSocket (serve mode)', async () => {
    const dir = tempDir();
    const serve: ServeHandle = await startServe(dir);
    cleanups.push(() => serve.stop());
    const socket = new WebSocket(serve.socketUrl);
    cleanups.push(() => socket.close());
    const peer = new EventPeer((raw) => socket.send(typeof raw === 'string' ? raw : JSON.stringify(raw)));
    socket.on('message', (data) => peer.receive(JSON.parse(String(data)) as TrainerEvent));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    await peer.request({ type: 'hello', protocolVersion: PROTOCOL_VERSION, client: 'test' }, 'hello');
    await expectBadCommandsRejected(peer, dir);
  });

  it('Electron parentPort (utilityProcess)', async () => {
    const dir = tempDir();
    const port = new (class extends EventEmitter {
      postMessage(message: unknown) {
        this.emit('posted', message);
      }
    })();
    const session = new Session(parentPortTransport(port as unknown as ParentPortLike), { dataRoot: dir, trainerVersion: 'test' });
    const peer = new EventPeer((raw) => port.emit('message', { data: raw }));
    port.on('posted', (event: TrainerEvent) => peer.receive(event));
    session.announce(await selectBackend('cpu'));
    await peer.next('hello');
    await expectBadCommandsRejected(peer, dir);
  });
});

describe('serve mode guards its socket', () => {
  it('refuses a socket without the token or with a wrong one, and accepts the right one', async () => {
    const serve = await startServe(tempDir());
    cleanups.push(() => serve.stop());
    const status = (url: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.once('open', () => {
          ws.close();
          resolve('open');
        });
        ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.once('error', () => resolve('error'));
      });
    const base = serve.socketUrl.split('?')[0] as string;
    expect(await status(base)).toBe('401');
    expect(await status(`${base}?token=wrong`)).toBe('401');
    expect(await status(serve.socketUrl)).toBe('open');
  });

  it('answers a malformed URL with 400 and keeps serving', async () => {
    const serve = await startServe(tempDir());
    cleanups.push(() => serve.stop());
    const base = new URL(serve.pageUrl);
    const bad = await fetch(`${base.origin}/%E0%A4%A`);
    expect(bad.status).toBe(400);
    const after = await fetch(`${base.origin}/no-such-file.js`);
    expect(after.status).toBe(404);
  });

  it('will not bind to a non-loopback address without --allow-remote', async () => {
    await expect(startServe(tempDir(), { args: ['--host', '0.0.0.0'] })).rejects.toThrow(/--allow-remote/);
  });
});
