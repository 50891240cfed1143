/**
 * Growth on a live run in the real trainer process: a run whose plan names a level is built to
 * grow, with the levels' layer groups; "Grow" (a controls change) snapshots first, locks the old
 * groups, fades the new level in (charted as growth/alpha) and marks the timeline; the old
 * groups stay bit-identical while the new ones train; restoring the snapshot before it takes the
 * run back to the level below. Plans that grow wrongly are refused by name.
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
  trainer = await startTestTrainer('grow');
  ({ dir, peer } = trainer);
});
afterAll(() => trainer.stop());

const TOKENIZER_ONLY = { audio_encoder: true, generator: true };

describe('growing a live run', () => {
  it('refuses plans that grow wrongly, naming the stage', async () => {
    await peer.request({ type: 'project/create', path: 'grow', name: 'Grow', withDemo: true }, 'project/opened');
    const late = { name: 'late', stages: [{ name: 'flat', controls: {}, end: { type: 'manual' } }, { name: 'grow', controls: { growth: { level: 1 } }, end: { type: 'manual' } }] };
    const refusedLate = await peer.request({ type: 'run/create', recipe: 'audio-to-motion', plan: late }, 'error');
    expect(refusedLate.message).toContain("Stage 2 'grow' names a growth level, so the first stage must name the level the run starts at");
    const jump = { name: 'jump', stages: [{ name: 'a', controls: { growth: { level: 0 } }, end: { type: 'manual' } }, { name: 'b', controls: { growth: { level: 2 } }, end: { type: 'manual' } }] };
    expect((await peer.request({ type: 'run/create', recipe: 'audio-to-motion', plan: jump }, 'error')).message).toContain("Stage 2 'b': Grow one level at a time");
    const high = { name: 'high', stages: [{ name: 'a', controls: { growth: { level: 5 } }, end: { type: 'manual' } }] };
    expect((await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', plan: high }, 'error')).message).toContain("Stage 1 'a' starts at growth level 5, but motion-autoencoder has levels 0–2");
  });

  it('grows with a snapshot first, the old groups locked and unchanged, the new level fading in', async () => {
    const plan = { name: 'grow by hand', stages: [{ name: 'quarter rate', controls: { growth: { level: 0, fadeSteps: 20 }, locks: TOKENIZER_ONLY }, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'audio-to-motion', seed: 8, plan }, 'run/created');
    expect(run.growthLevels?.map((l: { name: string }) => l.name)).toEqual(['quarter', 'half', 'full']);
    expect(run.layerGroups).toEqual(['encoder', 'inter', 'codebook', 'decoder', 'encoder_half', 'decoder_half', 'encoder_full', 'decoder_full', 'audio_encoder', 'generator', 'discriminator']);
    expect(run.controls.growth).toEqual({ level: 0, fadeSteps: 20 });
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 10 && p.values['growth/level'] === 0 && p.values['growth/alpha'] === 1));
    await peer.request({ type: 'run/pause', runId: run.id }, 'run/state');

    const since = peer.events.length;
    const applied = await peer.request({ type: 'controls/set', runId: run.id, controls: { growth: { level: 1 } } }, 'controls/applied');
    expect(applied.label).toContain('grow to half rate');
    expect(applied.controls.locks).toMatchObject({ encoder: true, inter: true, codebook: true, decoder: true, encoder_half: false, decoder_half: false });
    const before = (await peer.next('snapshot/taken', (e) => e.snapshot.reason === 'auto before grow', { since })).snapshot;
    expect(before).toMatchObject({ step: applied.step, kind: 'risky' });
    const refused = await peer.request({ type: 'controls/set', runId: run.id, controls: { growth: { level: 0 } } }, 'error');
    expect(refused.message).toContain('Growth only goes up');

    await peer.request({ type: 'run/resume', runId: run.id }, 'run/state');
    const faded = await peer.next('metrics/batch', (e) => e.points.some((p) => p.values['growth/level'] === 1 && p.values['growth/alpha'] === 1));
    const alphas = peer.events
      .filter((e) => e.type === 'metrics/batch')
      .flatMap((e) => (e.type === 'metrics/batch' ? e.points : []))
      .filter((p) => p.step > applied.step && p.values['growth/level'] === 1)
      .map((p) => p.values['growth/alpha']!);
    expect(alphas[0]).toBeCloseTo(1 / 20, 6);
    expect(alphas.every((a, i) => i === 0 || a >= alphas[i - 1]!)).toBe(true);
    expect(faded).toBeDefined();
    await peer.request({ type: 'run/pause', runId: run.id }, 'run/state');
    const { snapshot: after } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'grown' }, 'snapshot/taken');

    const snapshots = join(dir, 'grow', 'runs', run.id, 'snapshots');
    const tensors = (id: string, group: string) => decodeSafetensors(readFileSync(join(snapshots, id, `${group}.safetensors`)), group).tensors.map((t) => `${t.name}:${Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('base64')}`);
    for (const group of ['encoder', 'inter', 'codebook', 'decoder', 'encoder_full', 'decoder_full']) expect(tensors(after.id, group), group).toEqual(tensors(before.id, group));
    for (const group of ['encoder_half', 'decoder_half']) expect(tensors(after.id, group), group).not.toEqual(tensors(before.id, group));
    const { active } = await peer.request({ type: 'state/get' }, 'session/state');
    expect(active?.timeline.some((m: { step: number; label: string }) => m.step === applied.step && m.label.includes('grow to half rate'))).toBe(true);

    // The way back: the snapshot before growing puts the run at the quarter rate again.
    const restored = await peer.request({ type: 'snapshot/restore', runId: run.id, snapshotId: before.id }, 'snapshot/restored');
    expect(restored.run.controls.growth?.level).toBe(0);
    await peer.request({ type: 'run/resume', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step > before.step + 3 && p.values['growth/level'] === 0));
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
  }, 180_000);
});
