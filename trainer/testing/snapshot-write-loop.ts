/**
 * Test helper process: writes snapshots into a run's snapshots/ folder with the trainer's own
 * writer, as fast as it can, and thins them with the trainer's own delete, until it is killed.
 * The crash-safety test SIGKILLs it at random moments and then opens the store.
 *
 *   node --import tsx trainer/testing/snapshot-write-loop.ts <snapshotsDir>
 */
import { encodeSafetensors } from '../snapshots/safetensors.js';
import { deleteSnapshotFolder, listSnapshots } from '../snapshots/snapshot-folder.js';
import { newSnapshotId, writeSnapshot } from '../snapshots/snapshot-writer.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: snapshot-write-loop.ts <snapshotsDir>');

function tensorFile(name: string, elements: number): Uint8Array {
  const data = new Float32Array(elements);
  for (let i = 0; i < elements; i++) data[i] = Math.random() - 0.5;
  return encodeSafetensors([{ name: `${name}.w`, shape: [elements], data }], { format: 'pt' });
}

let step = listSnapshots(dir).at(-1)?.step ?? 0;
process.stdout.write('ready\n');
for (;;) {
  step += 1;
  const files = new Map<string, Uint8Array>([
    ['encoder.safetensors', tensorFile('encoder', 300_000)],
    ['decoder.safetensors', tensorFile('decoder', 300_000)],
    ['optimizer.safetensors', tensorFile('optimizer', 150_000)],
    ['state.json', Buffer.from(JSON.stringify({ step }))],
  ]);
  await writeSnapshot(dir, { info: { id: newSnapshotId(step), step, reason: 'interval', label: '', createdAt: new Date().toISOString() }, files });
  const kept = listSnapshots(dir);
  if (kept.length > 3) deleteSnapshotFolder(dir, kept[0]!.id);
}
