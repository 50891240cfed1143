/**
 * Test helper: a well-behaved window on serve mode (the `ws` library and an EventPeer), greeted
 * with hello, for tests that need "another window" to keep working while something else happens.
 */
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type TrainerEvent } from '../protocol.js';
import { EventPeer } from './event-peer.js';

export interface ServeClient {
  ws: WebSocket;
  peer: EventPeer;
  /** The close code, once the socket has closed (null while open). */
  closedWith(): number | null;
  /** The trainer's pid, from a fresh hello round trip: proves serve and the trainer both answer. */
  ping(): Promise<number>;
}

export async function connectClient(socketUrl: string, options: WebSocket.ClientOptions = {}): Promise<ServeClient> {
  const ws = new WebSocket(socketUrl, options);
  const peer = new EventPeer((raw) => ws.send(typeof raw === 'string' ? raw : JSON.stringify(raw)));
  let closedWith: number | null = null;
  ws.on('message', (data) => peer.receive(JSON.parse(String(data)) as TrainerEvent));
  ws.on('close', (code) => (closedWith = code));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const ping = async () => (await peer.request({ type: 'hello', protocolVersion: PROTOCOL_VERSION, client: 'test' }, 'hello')).pid;
  await ping();
  return { ws, peer, closedWith: () => closedWith, ping };
}
