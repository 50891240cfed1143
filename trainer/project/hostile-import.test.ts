/**
 * dataset/import on the real Session, with a folder a careless or hostile person might offer:
 * a FIFO named like a clip, a `.bvh` link to a secret outside the folder, BVH files that would
 * overflow the stack or ask for 10^15 frames, WAV headers with absurd rates and channel counts.
 * Each bad file is skipped with a sentence naming it (the import neither blocks nor crashes,
 * and no secret reaches the report); real files that common tools load come in, a BVH whose
 * Frames: count is a frame off with a warning in the report.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunk, fmtChunk, riffWave } from '../audio/test-signals.js';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { BOXING, CMU_01_01, HAS_BOXING, HAS_CMU, skipNote, tempDir } from '../data/test-fixtures.js';
import type { EventPeer } from '../testing/event-peer.js';
import { inProcessSession } from '../testing/in-process-session.js';

let dir: string;
let cleanup: () => void;
let peer: EventPeer;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  peer = inProcessSession(join(dir, 'data'));
  await peer.request({ type: 'project/create', path: 'studio', name: 'Studio', withDemo: false }, 'project/opened');
});
afterEach(() => cleanup());

/** `count` good WAV+BVH pairs, take-0…, in a flat folder inside the data folder. */
function goodPairs(name: string, count: number): string {
  const generated = join(dir, `generated-${name}`);
  writeDemoDataset(generated, { trainClips: count, validationClips: 0, seconds: 3 });
  const folder = join(dir, 'data', name);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) for (const ext of ['bvh', 'wav']) copyFileSync(join(generated, 'train', `clip-00${i}.${ext}`), join(folder, `take-${i}.${ext}`));
  return folder;
}

const SECRET = 'root:$6$do-not-leak:19000:0:99999:7:::';

describe('importing a folder with hostile and careless files', () => {
  it.skipIf(process.platform === 'win32')('skips each bad file with a sentence, and imports the rest without blocking or crashing', async () => {
    const folder = goodPairs('recordings', 3);
    const good = readFileSync(join(folder, 'take-0.bvh'), 'utf8');
    const wav = readFileSync(join(folder, 'take-0.wav'));
    // A FIFO named like a clip: opening it for reading would wait for a writer forever.
    execFileSync('mkfifo', [join(folder, 'clip-001.bvh')]);
    copyFileSync(join(folder, 'take-1.wav'), join(folder, 'clip-001.wav'));
    // A link to a secret outside the folder (the issue's /etc/shadow through a .bvh link).
    writeFileSync(join(dir, 'shadow'), SECRET);
    symlinkSync(join(dir, 'shadow'), join(folder, 'leak.bvh'));
    // BVH files that asked for a stack overflow, a 10^15-frame array, a one-frame clip.
    const nested = Array.from({ length: 500 }, (_, i) => `${i === 0 ? 'ROOT' : 'JOINT'} J${i}\n{\nOFFSET 0 1 0\nCHANNELS 3 Zrotation Xrotation Yrotation\n`).join('');
    const bad: Record<string, string> = {
      'deep.bvh': `HIERARCHY\n${nested}${'}\n'.repeat(500)}MOTION\nFrames: 1\nFrame Time: 0.0333333\n${'0 '.repeat(1500)}\n`,
      'huge.bvh': good.replace(/Frames: \d+/, 'Frames: 1000000000000000'),
      'tiny-time.bvh': good.replace(/Frame Time: \S+/, 'Frame Time: 1e-300'),
    };
    for (const [file, text] of Object.entries(bad)) {
      writeFileSync(join(folder, file), text);
      copyFileSync(join(folder, 'take-0.wav'), join(folder, file.replace('.bvh', '.wav')));
    }
    // WAV headers no recording has, each beside a good BVH.
    const data = chunk('data', new Uint8Array(wav.length - 44));
    writeFileSync(join(folder, 'slow.wav'), riffWave(fmtChunk({ tag: 1, channels: 1, rate: 1, bits: 16 }), data));
    writeFileSync(join(folder, 'wide.wav'), riffWave(fmtChunk({ tag: 1, channels: 65535, rate: 16000, bits: 8, blockAlign: 65535 }), data));
    for (const stem of ['slow', 'wide']) writeFileSync(join(folder, `${stem}.bvh`), good);

    const started = Date.now();
    const { report } = await peer.request({ type: 'dataset/import', path: 'recordings' }, 'dataset/imported');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(report.clips.train + report.clips.validation).toBe(3);
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.file, s.reason]));
    expect(reasons['clip-001.bvh']).toBe("'clip-001.bvh': is a named pipe (FIFO), not a regular file; only regular files are read");
    expect(reasons['leak.bvh']).toBe("'leak.bvh': is a link to somewhere outside the folder; it was not read (copy the file itself in)");
    expect(reasons['deep.bvh']).toMatch(/^'deep\.bvh' line \d+: joints are nested more than 100 deep/);
    expect(reasons['huge.bvh']).toMatch(/^'huge\.bvh' line \d+: the header says Frames: 1,000,000,000,000,000; a clip may have at most 1,000,000 frames/);
    expect(reasons['tiny-time.bvh']).toMatch(/^'tiny-time\.bvh' line \d+: Frame Time: 1e-300 is not a frame rate motion is recorded at/);
    expect(reasons['slow.wav']).toBe("'slow.wav': the fmt chunk says a sample rate of 1 Hz; recordings are 1,000 to 768,000 Hz (export it at 16, 44.1 or 48 kHz)");
    expect(reasons['wide.wav']).toBe("'wide.wav': the fmt chunk says 65,535 channels; at most 64 are read");
    // Partners are accounted for, and nothing of the secret is anywhere in the answer.
    expect(reasons['clip-001.wav']).toMatch(/its motion 'clip-001\.bvh' did not load/);
    expect(JSON.stringify(peer.events)).not.toContain('do-not-leak');
  });

  it('refuses a folder whose validation/ is a link to a folder elsewhere, saying so', async () => {
    const folder = goodPairs('split', 2);
    mkdirSync(join(folder, 'train'));
    for (const ext of ['bvh', 'wav']) copyFileSync(join(folder, `take-0.${ext}`), join(folder, 'train', `take-0.${ext}`));
    const elsewhere = goodPairs('elsewhere', 2);
    symlinkSync(elsewhere, join(folder, 'validation'));
    const error = await peer.request({ type: 'dataset/import', path: 'split' }, 'error');
    expect(error.message).toMatch(/'validation' in '.*split' is a link to somewhere outside the folder, or not a folder; copy the files themselves in\. Nothing was imported\.$/);
  });

  it('imports a BVH whose Frames: count is a frame off, with a warning in the report', async () => {
    const folder = goodPairs('off-by-one', 3);
    const text = readFileSync(join(folder, 'take-1.bvh'), 'utf8');
    const frames = Number(/Frames: (\d+)/.exec(text)![1]);
    writeFileSync(join(folder, 'take-1.bvh'), text.replace(/Frames: \d+/, `Frames: ${frames - 1}`));
    const { report } = await peer.request({ type: 'dataset/import', path: 'off-by-one' }, 'dataset/imported');
    expect(report.skipped).toEqual([]);
    expect(report.clips.train + report.clips.validation).toBe(3);
    expect(report.warnings).toEqual([{ file: 'take-1.bvh', message: `'take-1.bvh': the header says Frames: ${frames - 1} but ${frames} frame lines follow; all ${frames} were read` }]);
  });

  it.skipIf(!HAS_BOXING || !HAS_CMU)(`imports the BVH files common tools load: CMU's, and Boxing_Toes.bvh with its one-frame-short header${skipNote(BOXING, HAS_BOXING)}`, async () => {
    for (const [name, file] of [['cmu', CMU_01_01], ['boxing', BOXING]] as const) {
      mkdirSync(join(dir, 'data', name));
      copyFileSync(file, join(dir, 'data', name, file.split('/').pop()!));
    }
    const cmu = await peer.request({ type: 'dataset/import', path: 'cmu' }, 'dataset/imported');
    expect(cmu.report).toMatchObject({ kind: 'motion', clips: { train: 1, validation: 0 }, skipped: [] });
    expect(cmu.report.warnings).toBeUndefined();
    const boxing = await peer.request({ type: 'dataset/import', path: 'boxing' }, 'dataset/imported');
    expect(boxing.report).toMatchObject({ kind: 'motion', clips: { train: 1, validation: 0 }, skipped: [], skeleton: { joints: 21, fps: 30 } });
    expect(boxing.report.warnings).toEqual([{ file: 'Boxing_Toes.bvh', message: "'Boxing_Toes.bvh': the header says Frames: 3069 but 3070 frame lines follow; all 3070 were read" }]);
  });
});
