/**
 * "Re-init" on a live run in the real trainer process: a snapshot of the weights before it comes
 * first (the way back), then exactly the chosen group starts afresh, with its optimizer state,
 * and the run's timeline marks it. A group the recipe does not have is refused by name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSafetensors } from '../snapshots/safetensors.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let dir: string;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('reinit');
  ({ dir, peer } = trainer);
});
afterAll(() => trainer.stop());

describe('re-initialising a layer group of a live run', () => {
  it('snapshots first, then gives that group alone fresh weights and optimizer state, and marks the timeline', async () => {
    await peer.request({ type: 'project/create', path: 'reinit', name: 'Reinit', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 4, plan }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 30));
    // Paused, so the re-init and the snapshot after it land at one step with no training between.
    await peer.request({ type: 'run/pause', runId: run.id }, 'run/state');

    const refused = await peer.request({ type: 'layers/reinit', runId: run.id, group: 'inter' }, 'error');
    expect(refused).toMatchObject({ code: 'malformed-command', commandType: 'layers/reinit' });
    expect(refused.message).toContain("no layer group 'inter'; its groups are encoder, decoder, discriminator");

    const since = peer.events.length;
    const { mark } = await peer.request({ type: 'layers/reinit', runId: run.id, group: 'decoder' }, 'layers/reinitialized');
    expect(mark).toMatchObject({ kind: 'controls', label: 're-init decoder' });
    const before = (await peer.next('snapshot/taken', (e) => e.snapshot.reason === 'auto before re-init decoder', { since })).snapshot;
    expect(before).toMatchObject({ step: mark.step, kind: 'risky' });
    const { snapshot: after } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'after re-init' }, 'snapshot/taken');
    expect(after.step).toBe(mark.step);
    expect(after.id, 'a new snapshot: the weights changed at this step').not.toBe(before.id);

    const snapshots = join(dir, 'reinit', 'runs', run.id, 'snapshots');
    const tensors = (id: string, file: string) => new Map(decodeSafetensors(readFileSync(join(snapshots, id, file)), file).tensors.map((t) => [t.name, Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('base64')]));
    for (const group of ['encoder', 'discriminator']) expect(tensors(after.id, `${group}.safetensors`), group).toEqual(tensors(before.id, `${group}.safetensors`));
    const decoderBefore = tensors(before.id, 'decoder.safetensors');
    const decoderAfter = tensors(after.id, 'decoder.safetensors');
    expect([...decoderAfter.keys()]).toEqual([...decoderBefore.keys()]);
    for (const [name, value] of decoderAfter) if (name.endsWith('.w')) expect(value, name).not.toBe(decoderBefore.get(name));
    const moments = (id: string) => [...tensors(id, 'optimizer.safetensors').keys()];
    expect(moments(before.id).some((n) => n.startsWith('decoder.'))).toBe(true);
    expect(moments(after.id).filter((n) => n.startsWith('decoder.'))).toEqual([]);
    expect(moments(after.id).filter((n) => n.startsWith('encoder.'))).toEqual(moments(before.id).filter((n) => n.startsWith('encoder.')));

    // It trains on from there, and a reloaded window finds the mark on the timeline.
    await peer.request({ type: 'run/resume', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step > mark.step + 5));
    const { active } = await peer.request({ type: 'state/get' }, 'session/state');
    expect(active?.timeline).toContainEqual(mark);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
  });
});
