/**
 * The shared scenario for every transport: a project with one idle run receives malformed and
 * unknown commands; each gets an error event, and the run is exactly as it was.
 */
import { expect } from 'vitest';
import type { EventPeer } from './event-peer.js';

export const BAD_COMMANDS: { raw: unknown; code: 'malformed-command' | 'unknown-command' }[] = [
  { raw: { type: 'run/explode' }, code: 'unknown-command' },
  { raw: { type: 'run/start' }, code: 'malformed-command' },
  { raw: { type: 'controls/set', runId: 'RUN', controls: { learningRate: -1 } }, code: 'malformed-command' },
  { raw: { type: 'controls/set', runId: 'RUN', controls: { learningRate: 0.1, warp: true } }, code: 'malformed-command' },
  { raw: { type: 'run/create', recipe: 42 }, code: 'malformed-command' },
  { raw: { noType: true }, code: 'unknown-command' },
  { raw: 'not a command', code: 'malformed-command' },
  { raw: [1, 2, 3], code: 'malformed-command' },
];

export async function expectBadCommandsRejected(peer: EventPeer, dataDir: string): Promise<void> {
  await peer.request({ type: 'project/create', path: `${dataDir}/project`, name: 'Protocol test', withDemo: true }, 'project/opened');
  const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', preset: 'tiny', seed: 7 }, 'run/created');
  const before = (await peer.request({ type: 'run/list' }, 'run/list')).runs;

  for (const { raw, code } of BAD_COMMANDS) {
    const since = peer.events.length;
    const command = JSON.parse(JSON.stringify(raw).replace('"RUN"', JSON.stringify(run.id)));
    peer.sendRaw(command);
    const error = await peer.next('error', () => true, { since, timeoutMs: 10_000 });
    expect(error.code, `error code for ${JSON.stringify(raw)}`).toBe(code);
    expect(error.message).toMatch(/nothing was changed/);
  }

  const after = (await peer.request({ type: 'run/list' }, 'run/list')).runs;
  expect(after).toEqual(before);
  const state = await peer.request({ type: 'state/get' }, 'session/state');
  expect(state.active).toBeNull();
}
