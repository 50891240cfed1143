import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type CommandInput, type TrainerEvent } from '../../trainer/protocol';
import { createAppStore } from '../store/app-store';
import { connectStore } from './connect-store';
import { Listeners } from './listeners';
import type { ConnectionStatus, RendererTransport } from './renderer-transport';

function fakeTransport() {
  const sent: CommandInput[] = [];
  const events = new Listeners<TrainerEvent>();
  const statuses = new Listeners<ConnectionStatus>();
  const transport: RendererTransport = {
    send: (c) => void sent.push(c),
    onEvent: (l) => events.subscribe(l),
    onStatus: (l) => statuses.subscribe(l),
    open: () => statuses.emit('connected'),
    close: () => statuses.emit('disconnected'),
  };
  // Every command leaves with its own requestId (the store gives them): compared without it.
  const commands = () => {
    expect(new Set(sent.map((c) => c.requestId)).size, 'a distinct requestId each').toBe(sent.length);
    return sent.map(({ requestId: _, ...c }) => c);
  };
  return { transport, sent, commands, events, statuses };
}

describe('store wired to a transport', () => {
  it('applies events, tracks the connection and sends commands from buttons', () => {
    const { transport, commands, events } = fakeTransport();
    const store = createAppStore(transport.send);
    const disconnect = connectStore(store, transport);
    expect(store.getState().connection).toBe('connected');
    events.emit({ type: 'backend/selected', backend: 'wasm', requested: null, skipped: [], kernels: { kind: 'custom' } });
    expect(store.getState().trainer.backend).toBe('wasm');
    store.getState().createProject('demo-speaker', 'Demo speaker');
    store.getState().createRun();
    expect(commands()).toEqual([
      { type: 'project/create', path: 'demo-speaker', name: 'Demo speaker', withDemo: true },
      { type: 'run/create' },
    ]);
    disconnect();
    expect(store.getState().connection).toBe('disconnected');
    events.emit({ type: 'backend/selected', backend: 'cpu', requested: null, skipped: [], kernels: { kind: 'stock', reason: 'not wasm' } });
    expect(store.getState().trainer.backend).toBe('wasm');
  });

  it('stage controls send minimal patches and "Next stage" asks for the next stage', () => {
    const { transport, commands } = fakeTransport();
    const store = createAppStore(transport.send);
    connectStore(store, transport);
    store.getState().setControls('r1', { randomWarp: { enabled: false } });
    store.getState().setControls('r1', { locks: { encoder: true } });
    store.getState().nextStage('r1');
    expect(commands()).toEqual([
      { type: 'controls/set', runId: 'r1', controls: { randomWarp: { enabled: false } } },
      { type: 'controls/set', runId: 'r1', controls: { locks: { encoder: true } } },
      { type: 'stage/next', runId: 'r1' },
    ]);
  });

  it('asks a restarted trainer for the whole session', () => {
    const { transport, commands, events } = fakeTransport();
    const store = createAppStore(transport.send);
    connectStore(store, transport);
    events.emit({ type: 'trainer/exited', code: 1, signal: null, message: 'crashed' });
    events.emit({ type: 'hello', protocolVersion: PROTOCOL_VERSION, trainerVersion: '0.1.0', pid: 7, recipes: [] });
    expect(store.getState().trainer.exited).toBeNull();
    expect(commands()).toEqual([{ type: 'state/get' }]);
  });
});
