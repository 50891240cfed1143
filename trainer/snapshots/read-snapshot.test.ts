import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../engine/backend.js';
import { ParamStore } from '../nn/params.js';
import { readSnapshot, loadWeights } from './read-snapshot.js';
import { encodeSafetensors } from './safetensors.js';
import { newSnapshotId, writeSnapshot } from './snapshot-writer.js';

let dir: string;
beforeAll(async () => {
  await selectBackend('cpu');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function snapshotOf(store: ParamStore) {
  dir = mkdtempSync(join(tmpdir(), 'stagecraft-snap-'));
  const tensors = store.all().map((p) => ({ name: p.name, shape: p.variable.shape, data: p.variable.dataSync() as Float32Array }));
  const files = new Map([
    ['encoder.safetensors', encodeSafetensors(tensors)],
    ['state.json', Buffer.from(JSON.stringify({ step: 7 }))],
  ]);
  const info = await writeSnapshot(dir, { info: { id: newSnapshotId(7), step: 7, reason: 'manual', label: '', createdAt: new Date().toISOString(), branch: 'main' }, files });
  return join(dir, info.id);
}

describe('reading snapshots', () => {
  it('loads verified weights back into a model of the same shape', async () => {
    const source = new ParamStore(1);
    source.glorot('encoder', 'w', [3, 4], 3, 4);
    const path = await snapshotOf(source);
    const target = new ParamStore(2);
    target.glorot('encoder', 'w', [3, 4], 3, 4);
    const snapshot = readSnapshot(path);
    expect(snapshot.manifest.step).toBe(7);
    loadWeights(target, snapshot.tensors, path);
    expect([...(target.all()[0]?.variable.dataSync() ?? [])]).toEqual([...(source.all()[0]?.variable.dataSync() ?? [])]);
  });

  it('refuses a snapshot with one flipped byte, naming the file', async () => {
    const store = new ParamStore(3);
    store.glorot('encoder', 'w', [8, 8], 8, 8);
    const path = await snapshotOf(store);
    const file = join(path, 'encoder.safetensors');
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] as number) ^ 0xff;
    writeFileSync(file, bytes);
    expect(() => readSnapshot(path)).toThrow(/encoder\.safetensors' is corrupt: its sha256 does not match/);
  });
});
