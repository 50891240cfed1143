/**
 * Test child for amend-crash.test.ts: writes one snapshot, then adds file after file to it the
 * way a snapshot's preview is added (amend-snapshot.ts), forever, until it is killed. Says
 * 'amending' over IPC once the first addition has begun, so the kill lands among additions.
 */
import { join } from 'node:path';
import { addFileToSnapshot } from '../snapshots/amend-snapshot.js';
import { encodeSafetensors } from '../snapshots/safetensors.js';
import { newSnapshotId, writeSnapshot } from '../snapshots/snapshot-writer.js';

const snapshotsDir = process.argv[2];
if (!snapshotsDir || !process.send) {
  console.error('[amend-loop] fork me with the snapshots folder as the argument');
  process.exit(1);
}

const weights = encodeSafetensors([{ name: 'encoder.w', shape: [64, 64], data: new Float32Array(64 * 64).map((_, i) => Math.sin(i)) }]);
// About the size of a tiny model's preview.json: big enough that writing it takes a moment.
const preview = Buffer.alloc(120_000, 'A');

const info = await writeSnapshot(snapshotsDir, {
  info: { id: newSnapshotId(1), step: 1, reason: 'manual', label: 'amend loop', createdAt: new Date().toISOString(), branch: 'main' },
  files: new Map<string, Uint8Array>([
    ['encoder.safetensors', weights],
    ['state.json', Buffer.from(JSON.stringify({ step: 1 }))],
  ]),
});
const dir = join(snapshotsDir, info.id);
for (let n = 0; ; n++) {
  const adding = addFileToSnapshot(dir, `preview-${n}.json`, preview);
  if (n === 0) process.send({ type: 'amending', id: info.id });
  await adding;
}
