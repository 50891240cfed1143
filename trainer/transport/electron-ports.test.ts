/**
 * The trainer behind Electron's two ports, driven in-process (no Electron binary here) with port
 * objects of the same shape, in front of the real session: the window gets every event over its
 * own port, main gets only what it supervises with, and paths never come from the window port.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PATH_GRANT, WINDOW_PORT_HANDOVER, type TrainerEvent } from '../protocol.js';
import { selectBackend } from '../engine/backend.js';
import { Session } from '../session/session.js';
import { EventPeer } from '../testing/event-peer.js';
import { PathConfinement } from '../paths/path-confinement.js';
import { electronPortsTransport, type MessagePortLike, type ParentPortWithPorts } from './electron-ports.js';

class FakePort extends EventEmitter {
  readonly posted: unknown[] = [];
  closed = false;
  postMessage(message: unknown) {
    this.posted.push(message);
    this.emit('posted', message);
  }
  start() {}
  close() {
    this.closed = true;
  }
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-ports-'));
  dirs.push(dir);
  const parent = new FakePort();
  // As trainer/main.ts wires it: grants from main's dialogs reach the session's confinement.
  const confinement = new PathConfinement(dir);
  const session = new Session(electronPortsTransport(parent as unknown as ParentPortWithPorts, (path) => confinement.grant(path)), { dataRoot: dir, trainerVersion: 'test', confinement });
  session.announce(await selectBackend('cpu'));
  const host = new EventPeer((raw) => parent.emit('message', { data: raw }));
  parent.on('posted', (event: TrainerEvent) => host.receive(event));
  const windowPort = new FakePort();
  const window = new EventPeer((raw) => windowPort.emit('message', { data: raw }));
  windowPort.on('posted', (event: TrainerEvent) => window.receive(event));
  parent.emit('message', { data: { type: WINDOW_PORT_HANDOVER }, ports: [windowPort as unknown as MessagePortLike] });
  return { dir, parent, host, windowPort, window };
}

describe('trainer behind Electron ports', () => {
  it('hands events held before the window port arrived to the window, and answers each side', async () => {
    const { dir, host, window } = await setup();
    expect(window.events.map((e) => e.type)).toEqual(['hello', 'backend/selected']);
    await host.request({ type: 'project/create', path: join(dir, 'p'), name: 'P', withDemo: true }, 'project/opened');
    await window.next('project/opened');
    const list = await window.request({ type: 'run/list' }, 'run/list');
    expect(list.runs).toEqual([]);
    // The window's own answers and chatty events do not go to main.
    expect(host.events.some((e) => e.type === 'run/list')).toBe(false);
  });

  it('refuses path commands on the window port and changes nothing', async () => {
    const { dir, window, host } = await setup();
    const error = await window.request({ type: 'project/create', path: join(dir, 'sneaky'), name: 'S' }, 'error');
    expect(error.message).toMatch(/must come through Stagecraft's main process/);
    const state = await host.request({ type: 'state/get' }, 'session/state');
    expect(state.project).toBeNull();
  });

  it("takes a folder picked in main's dialog as a grant on parentPort, and no grant from the window port", async () => {
    const { parent, windowPort, host } = await setup();
    const picked = mkdtempSync(join(tmpdir(), 'stagecraft-picked-'));
    const sneaky = mkdtempSync(join(tmpdir(), 'stagecraft-sneaky-'));
    dirs.push(picked, sneaky);
    const refused = await host.request({ type: 'project/create', path: join(picked, 'p'), name: 'P', withDemo: false }, 'error');
    expect(refused.message).toMatch(/is not allowed/);
    parent.emit('message', { data: { type: PATH_GRANT, path: picked } });
    await host.request({ type: 'project/create', path: join(picked, 'p'), name: 'P', withDemo: false }, 'project/opened');
    // A page cannot grant itself a folder: on the window port the grant is not a command at all.
    windowPort.emit('message', { data: { type: PATH_GRANT, path: sneaky } });
    expect(await host.request({ type: 'project/create', path: join(sneaky, 'p'), name: 'S', withDemo: false }, 'error')).toMatchObject({ message: expect.stringMatching(/is not allowed/) });
  });

  it('a reloaded window gets a fresh port; the old one is closed', async () => {
    const { parent, windowPort, host } = await setup();
    const next = new FakePort();
    parent.emit('message', { data: { type: WINDOW_PORT_HANDOVER }, ports: [next as unknown as MessagePortLike] });
    expect(windowPort.closed).toBe(true);
    const reply = new EventPeer((raw) => next.emit('message', { data: raw }));
    next.on('posted', (event: TrainerEvent) => reply.receive(event));
    await reply.request({ type: 'state/get' }, 'session/state');
    expect(host.events.some((e) => e.type === 'session/state')).toBe(false);
  });
});
