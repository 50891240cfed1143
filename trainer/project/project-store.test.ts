import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultControls } from '../engine/controls.js';
import { motionAutoencoder } from '../recipes/motion-autoencoder/recipe.js';
import { encodeSafetensors } from '../snapshots/safetensors.js';
import { snapshotsDirOf } from '../snapshots/snapshot-folder.js';
import { newSnapshotId, writeSnapshot } from '../snapshots/snapshot-writer.js';
import { ProjectStore } from './project-store.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fields = {
  recipe: 'motion-autoencoder',
  preset: 'tiny',
  dataset: 'demo',
  seed: 1,
  controls: defaultControls(motionAutoencoder.layerGroups, { learningRate: 1e-3, batchSize: 16 }),
  layerGroups: [...motionAutoencoder.layerGroups],
  plan: motionAutoencoder.defaultPlan,
};

async function snapshotAt(snapshotsDir: string, step: number): Promise<string> {
  const files = new Map([['encoder.safetensors', encodeSafetensors([{ name: 'encoder.w', shape: [64], data: new Float32Array(64).fill(step) }])]]);
  const info = await writeSnapshot(snapshotsDir, { info: { id: newSnapshotId(step), step, reason: 'interval', label: '', createdAt: new Date().toISOString(), branch: 'main' }, files });
  return info.id;
}

describe('project store', () => {
  it('marks runs a vanished trainer left running or paused as stopped when the project opens', () => {
    dir = mkdtempSync(join(tmpdir(), 'stagecraft-project-'));
    const project = ProjectStore.create(join(dir, 'p'), 'P');
    const running = project.createRun(fields);
    const paused = project.createRun(fields);
    const idle = project.createRun(fields);
    project.saveRun({ ...running, state: 'running', step: 40 });
    project.saveRun({ ...paused, state: 'paused', step: 12 });

    const reopened = ProjectStore.open(join(dir, 'p'));
    reopened.settleInterruptedRuns();
    const states = Object.fromEntries(reopened.runs().map((r) => [r.id, [r.state, r.step]]));
    expect(states).toEqual({ [running.id]: ['stopped', 40], [paused.id]: ['stopped', 12], [idle.id]: ['idle', 0] });
    expect(reopened.run(running.id)?.interrupted).toEqual({ step: 40, lastGoodSnapshot: null });
    expect(reopened.run(idle.id)?.interrupted).toBeUndefined();
  });

  it('offers the newest snapshot that verifies after a crash, removes half-written ones, and keeps every logged metric', async () => {
    dir = mkdtempSync(join(tmpdir(), 'stagecraft-project-'));
    const project = ProjectStore.create(join(dir, 'p'), 'P');
    const run = project.createRun(fields);
    const snapshotsDir = snapshotsDirOf(project.runPath(run.id));
    const good = await snapshotAt(snapshotsDir, 10);
    const corrupt = await snapshotAt(snapshotsDir, 20);
    const file = join(snapshotsDir, corrupt, 'encoder.safetensors');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01;
    writeFileSync(file, bytes);
    mkdirSync(join(snapshotsDir, '.tmp-step-00000030-abc'));
    const log = project.openMetricsLog(run.id);
    log.append([{ step: 1, time: 1, values: { loss: 1 } }, { step: 2, time: 2, values: { loss: 0.5 } }]);
    log.close();
    writeFileSync(join(project.runPath(run.id), 'metrics.jsonl'), '{"step":3,"ti', { flag: 'a' });
    project.saveRun({ ...run, state: 'running', step: 25 });
    // A second run whose run.json is older than its log (saved at the start, then 40 steps logged).
    const stale = project.createRun(fields);
    const staleLog = project.openMetricsLog(stale.id);
    staleLog.append([{ step: 40, time: 40, values: { loss: 0.1 } }]);
    staleLog.close();
    project.saveRun({ ...stale, state: 'running', step: 0 });

    const reopened = ProjectStore.open(join(dir, 'p'));
    reopened.settleInterruptedRuns();
    // run.json said step 25; nothing newer was logged, so that is where it stopped.
    expect(reopened.run(run.id)).toMatchObject({ state: 'stopped', step: 25, interrupted: { step: 25, lastGoodSnapshot: good } });
    expect(reopened.run(stale.id)).toMatchObject({ state: 'stopped', step: 40, interrupted: { step: 40, lastGoodSnapshot: null } });
    expect(readdirSync(snapshotsDir).sort()).toEqual([good, corrupt].sort());
    expect(reopened.readMetrics(run.id).map((p) => p.step)).toEqual([1, 2]);
  });
});
