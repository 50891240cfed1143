/**
 * Training from what you already trained, in the real trainer process: a new run takes chosen
 * layer groups of another run's snapshot (bit for bit), starts the rest fresh, counts its steps
 * from 0 or from the snapshot's, and says where its weights came from. A run of another recipe,
 * a dataset on another skeleton, an unknown group, or start weights gone from disk are refused
 * with a sentence, and nothing is made or changed.
 */
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSafetensors } from '../snapshots/safetensors.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

let trainer: TestTrainer;
let dir: string;
let peer: EventPeer;

beforeAll(async () => {
  trainer = await startTestTrainer('start-from');
  ({ dir, peer } = trainer);
});
afterAll(() => trainer.stop());

const PLAN = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
const runsDir = () => join(dir, 'start', 'runs');
/** A snapshot file's tensors, name → bytes (base64). */
const tensors = (runId: string, snapshotId: string, file: string) =>
  new Map(decodeSafetensors(readFileSync(join(runsDir(), runId, 'snapshots', snapshotId, file)), file).tensors.map((t) => [t.name, Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('base64')]));

describe('a run started from another run’s snapshot', () => {
  it('takes the chosen groups bit for bit and starts the rest fresh; refuses what does not fit, making nothing', async () => {
    await peer.request({ type: 'project/create', path: 'start', name: 'Start', withDemo: true }, 'project/opened');
    const { run: first } = await peer.request({ type: 'run/create', name: 'speaker A', recipe: 'motion-autoencoder', seed: 5, plan: PLAN }, 'run/created');
    await peer.request({ type: 'run/start', runId: first.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.points.some((p) => p.step >= 30));
    const { snapshot } = await peer.request({ type: 'snapshot/take', runId: first.id, label: 'trained' }, 'snapshot/taken');
    await peer.request({ type: 'run/stop', runId: first.id }, 'run/state');

    // The encoder taken and locked (a trained encoder for new data), the decoder fresh.
    const from = { runId: first.id, snapshotId: snapshot.id, groups: ['encoder'] };
    const { run } = await peer.request({ type: 'run/create', name: 'speaker B', recipe: 'motion-autoencoder', seed: 6, plan: PLAN, controls: { locks: { encoder: true } }, from }, 'run/created');
    expect(run).toMatchObject({ step: 0, startedFrom: { runId: first.id, runName: 'speaker A', snapshotId: snapshot.id, step: snapshot.step, groups: ['encoder'], steps: 'fresh' } });
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    await peer.next('metrics/batch', (e) => e.runId === run.id && e.points.some((p) => p.step >= 10));
    const { snapshot: own } = await peer.request({ type: 'snapshot/take', runId: run.id, label: 'after 10 steps' }, 'snapshot/taken');
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    // Locked from step 0, so what it holds now is what it started with: the other run's encoder exactly.
    expect(tensors(run.id, own.id, 'encoder.safetensors')).toEqual(tensors(first.id, snapshot.id, 'encoder.safetensors'));
    const decoderThere = tensors(first.id, snapshot.id, 'decoder.safetensors');
    for (const [name, value] of tensors(run.id, own.id, 'decoder.safetensors')) expect(value, name).not.toBe(decoderThere.get(name));

    // Carried steps: it counts on from the snapshot's step, and its first stage starts there.
    const { run: carried } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', plan: PLAN, from: { ...from, steps: 'carried' } }, 'run/created');
    expect(carried).toMatchObject({ step: snapshot.step, stage: { index: 0, startedAt: snapshot.step }, startedFrom: { steps: 'carried' } });
    await peer.request({ type: 'run/start', runId: carried.id }, 'run/state');
    const batch = await peer.next('metrics/batch', (e) => e.runId === carried.id && e.points.length > 0);
    expect(batch.points[0]!.step).toBeGreaterThanOrEqual(snapshot.step);
    await peer.request({ type: 'run/stop', runId: carried.id }, 'run/state');

    // What does not fit is refused in words, and no run is made.
    const before = readdirSync(runsDir()).sort();
    const refusal = async (command: Record<string, unknown>) => (await peer.request({ type: 'run/create', plan: PLAN, ...command }, 'error')).message;
    expect(await refusal({ recipe: 'motion-autoencoder', from: { ...from, groups: ['encoder', 'inter'] } })).toBe("'inter' is not a layer group of motion-autoencoder; its groups are encoder, decoder, discriminator.");
    expect(await refusal({ recipe: 'audio-to-motion', plan: undefined, from })).toBe("Run 'speaker A' is motion-autoencoder (tiny); a run starts from its weights only with the same recipe and preset, not audio-to-motion (tiny).");
    expect(await refusal({ recipe: 'motion-autoencoder', from: { ...from, snapshotId: 'step-00000001-zz' } })).toContain("Run 'speaker A' has no snapshot step-00000001-zz that can be read");
    // The demo data again, but recorded on a skeleton whose first joint is called something else.
    const demo = join(dir, 'start', 'datasets', 'demo');
    const other = join(dir, 'start', 'datasets', 'other-rig');
    cpSync(demo, other, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(other, 'dataset.json'), 'utf8'));
    manifest.skeleton.names[0] = 'pelvis';
    writeFileSync(join(other, 'dataset.json'), JSON.stringify(manifest));
    expect(await refusal({ recipe: 'motion-autoencoder', dataset: 'other-rig', from })).toMatch(/^Dataset 'other-rig' is on another skeleton \(13 joints from 'pelvis'\) than 'demo', which run 'speaker A' trained on \(13 joints from '.+'\): its weights do not fit\./);
    expect(readdirSync(runsDir()).sort()).toEqual(before);

    // Start weights gone from its folder: the run is refused at start and stays as it was.
    const { run: orphan } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', plan: PLAN, from }, 'run/created');
    rmSync(join(runsDir(), orphan.id, 'start-weights.safetensors'));
    const refused = await peer.request({ type: 'run/start', runId: orphan.id }, 'error');
    expect(refused).toMatchObject({ code: 'io' });
    expect(refused.message).toContain(`Run '${orphan.name}' cannot start from the weights it was made with`);
    const { runs } = await peer.request({ type: 'run/list' }, 'run/list');
    expect(runs.find((r) => r.id === orphan.id)?.state).toBe('idle');
  });
});
