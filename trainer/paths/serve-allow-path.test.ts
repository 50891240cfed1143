/**
 * Serve mode's `--allow-path DIR` reaches the trainer child: over the real socket, a folder
 * given with it imports, and a folder beside it is refused with the confinement sentence. The
 * socket carries the page's own Origin, as a browser tab of the studio does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { PROTOCOL_VERSION, type TrainerEvent } from '../protocol.js';
import { EventPeer } from '../testing/event-peer.js';
import { startServe, type ServeHandle } from '../testing/start-serve.js';

let dir: string;
let serve: ServeHandle;
let ws: WebSocket;
let peer: EventPeer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-allow-'));
  writeDemoDataset(join(dir, 'granted', 'recordings'), { trainClips: 2, validationClips: 1, seconds: 2 });
  writeDemoDataset(join(dir, 'beside', 'recordings'), { trainClips: 2, validationClips: 1, seconds: 2 });
  serve = await startServe(join(dir, 'data'), { args: ['--allow-path', join(dir, 'granted')], env: { STAGECRAFT_BACKEND: 'wasm' } });
  ws = new WebSocket(serve.socketUrl, { origin: new URL(serve.pageUrl).origin });
  peer = new EventPeer((raw) => ws.send(JSON.stringify(raw)));
  ws.on('message', (data) => peer.receive(JSON.parse(String(data)) as TrainerEvent));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  await peer.request({ type: 'hello', protocolVersion: PROTOCOL_VERSION, client: 'test' }, 'hello');
}, 120_000);
afterAll(async () => {
  ws?.close();
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve mode --allow-path', () => {
  it('lets the trainer import from the folder it names, and from nowhere beside it', async () => {
    await peer.request({ type: 'project/create', path: 'studio', name: 'Studio', withDemo: false }, 'project/opened');
    const { report } = await peer.request({ type: 'dataset/import', path: join(dir, 'granted', 'recordings') }, 'dataset/imported');
    expect(report.clips).toEqual({ train: 2, validation: 1 });
    const beside = join(dir, 'beside', 'recordings');
    const refused = await peer.request({ type: 'dataset/import', path: beside }, 'error');
    expect(refused.message).toBe(
      `The path ${JSON.stringify(beside)} is not allowed: Stagecraft works only inside its data folder, the open project and folders you chose (File > Open Project… in the desktop app; --allow-path DIR in serve mode). Nothing was changed.`,
    );
  });
});
