import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audioFeatures } from '../audio/features.js';
import { resample } from '../audio/resample.js';
import { readWav } from '../audio/wav-read.js';
import { writeWav } from '../audio/wav-write.js';
import {
  AUDIO_DIM,
  IMPORT_REPORT_FILE,
  loadAudioMotionDataset,
  writeImportReport,
  type AudioMotionClip,
  type AudioMotionDataset,
  type ImportReport,
} from './audio-motion-dataset.js';
import { writeDemoDataset } from './demo-dataset.js';
import { featureStats, MANIFEST_FILE } from './motion-dataset.js';
import { tempDir } from './test-fixtures.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** 6 train + 2 validation pairs of 8 s (240 frames at 30 fps, 128,000 samples at 16 kHz). */
function demo(): void {
  writeDemoDataset(dir, { trainClips: 6, validationClips: 2, seconds: 8 });
}

const ALL_CLIPS = [
  'train/clip-000', 'train/clip-001', 'train/clip-002', 'train/clip-003', 'train/clip-004', 'train/clip-005',
  'validation/clip-000', 'validation/clip-001',
];

const loaded = (data: AudioMotionDataset): string[] => [...data.train, ...data.validation].map((c) => c.file.replace(/\.bvh$/, ''));
const at = (file: string): string => join(dir, file);
const readText = (file: string): string => readFileSync(at(file), 'utf8');
const wavSamples = (file: string): { samples: Float32Array; sampleRate: number } => readWav(new Uint8Array(readFileSync(at(file))), file);

/** Interleaved 24-bit PCM, which wav-write.ts does not produce: built here byte by byte. */
function wav24(channels: Float32Array[], sampleRate: number): Uint8Array {
  const n = channels[0]!.length;
  const blockAlign = 3 * channels.length;
  const bytes = new Uint8Array(44 + n * blockAlign + ((n * blockAlign) & 1));
  const view = new DataView(bytes.buffer);
  const text = (offset: number, s: string): void => {
    for (let i = 0; i < 4; i++) bytes[offset + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, 24, true);
  text(36, 'data');
  view.setUint32(40, n * blockAlign, true);
  for (let i = 0; i < n; i++) {
    channels.forEach((samples, c) => {
      const v = Math.max(-8388608, Math.min(8388607, Math.round(samples[i]! * 8388608)));
      const o = 44 + i * blockAlign + 3 * c;
      bytes[o] = v & 0xff;
      bytes[o + 1] = (v >> 8) & 0xff;
      bytes[o + 2] = (v >> 16) & 0xff;
    });
  }
  return bytes;
}

/** Per-frame log RMS, the feature after the 80 mel bins. */
function energyOf(clip: AudioMotionClip): number[] {
  return Array.from({ length: clip.frames }, (_, f) => clip.audio[f * AUDIO_DIM + 80]!);
}

/** Mean RMS of a clip over its mean RMS in the original 16 kHz mono file. */
function loudness(clip: AudioMotionClip, original: AudioMotionClip): number {
  const rms = (c: AudioMotionClip): number => energyOf(c).reduce((sum, e) => sum + Math.exp(e), 0);
  return rms(clip) / rms(original);
}

describe('a paired WAV + BVH dataset', () => {
  it('loads audio features of frames × 82 aligned to the motion frames, with stats from the train split only', () => {
    demo();
    const data = loadAudioMotionDataset(dir);
    expect(data.skipped).toEqual([]);
    expect(loaded(data)).toEqual(ALL_CLIPS);
    expect(data.audioDim).toBe(82);
    for (const clip of [...data.train, ...data.validation]) {
      expect(clip.frames).toBe(240);
      expect(clip.features).toHaveLength(240 * data.featureDim);
      expect(clip.audio).toHaveLength(240 * 82);
      expect(clip.audioFile).toBe(clip.file.replace(/\.bvh$/, '.wav'));
    }

    // Frame f of the audio is the feature frame centred at f / fps in the clip's own WAV.
    const clip = data.validation[1]!;
    const direct = audioFeatures(wavSamples(clip.audioFile).samples, 30);
    for (const f of [0, 1, 120, 239]) {
      expect(Array.from(clip.audio.subarray(f * 82, f * 82 + 80))).toEqual(Array.from(direct.logMel.subarray(f * 80, (f + 1) * 80)));
      expect(clip.audio[f * 82 + 80]).toBe(direct.energy[f]);
      expect(clip.audio[f * 82 + 81]).toBe(direct.onset[f]);
    }
    expect(clip.onsets.length).toBeGreaterThan(0);
    expect(clip.onsets.every((t) => t >= 0 && t < 8)).toBe(true);

    const trainMotion = featureStats(data.train, data.featureDim);
    const trainAudio = featureStats(data.train.map((c) => ({ ...c, features: c.audio })), 82);
    expect(data.featureMean).toEqual(trainMotion.mean);
    expect(data.featureStd).toEqual(trainMotion.std);
    expect(data.audioMean).toEqual(trainAudio.mean);
    expect(data.audioStd).toEqual(trainAudio.std);
    const everyClip = [...data.train, ...data.validation];
    expect(Array.from(featureStats(everyClip, data.featureDim).mean)).not.toEqual(Array.from(data.featureMean));
    expect(Array.from(featureStats(everyClip.map((c) => ({ ...c, features: c.audio })), 82).mean)).not.toEqual(Array.from(data.audioMean));
  });

  it('loads a 44.1 kHz stereo 24-bit WAV (resampled to 16 kHz) and honours the channel choice', () => {
    demo();
    const original = loadAudioMotionDataset(dir).train[0]!;
    const voice = wavSamples('train/clip-000.wav').samples;
    const left = resample(voice, 16000, 44100);
    expect(left).toHaveLength(8 * 44100);
    writeFileSync(at('train/clip-000.wav'), wav24([left, new Float32Array(left.length)], 44100));

    const mixed = loadAudioMotionDataset(dir);
    expect(mixed.skipped).toEqual([]);
    expect(loaded(mixed)).toEqual(ALL_CLIPS);
    const clip = mixed.train[0]!;
    expect(clip.frames).toBe(240);
    expect(clip.audio).toHaveLength(240 * 82);
    // The mix of voice and silence is the voice at half amplitude.
    expect(loudness(clip, original)).toBeCloseTo(0.5, 2);

    const leftOnly = loadAudioMotionDataset(dir, { channel: 0 }).train[0]!;
    expect(loudness(leftOnly, original)).toBeCloseTo(1, 2);
    const rightOnly = loadAudioMotionDataset(dir, { channel: 1 }).train[0]!;
    expect(Math.max(...energyOf(rightOnly))).toBeLessThan(-13); // the silent channel: the log floor
    // A channel choice does not reject the mono files beside the stereo one.
    expect(loadAudioMotionDataset(dir, { channel: 1 }).skipped).toEqual([]);
    // A channel the stereo file does not have skips that file only, and says so.
    const third = loadAudioMotionDataset(dir, { channel: 2 });
    expect(third.skipped).toEqual([{ file: 'train/clip-000.wav', reason: expect.stringMatching(/^'train\/clip-000\.wav': channel 2 was requested but the file has 2 channel/) }]);
    expect(loaded(third)).toEqual(ALL_CLIPS.slice(1));
  });

  it('loads a 32-bit float WAV', () => {
    demo();
    const original = loadAudioMotionDataset(dir).validation[0]!;
    const { samples } = wavSamples('validation/clip-000.wav');
    writeFileSync(at('validation/clip-000.wav'), writeWav(samples, 16000, 'float32'));
    const data = loadAudioMotionDataset(dir);
    expect(data.skipped).toEqual([]);
    expect(loaded(data)).toEqual(ALL_CLIPS);
    // The float file holds the same samples the 16-bit file decoded to, so the features match.
    expect(data.validation[0]!.audio).toEqual(original.audio);
  });
});

interface Damage {
  what: string;
  /** The file the skipped entry must name. */
  file: string;
  reason: RegExp;
  damage: () => void;
  /** Clips that no longer load because of it. */
  lost: string[];
}

const DAMAGES: Damage[] = [
  {
    what: 'a truncated WAV',
    file: 'train/clip-001.wav',
    reason: /truncated/,
    damage: () => writeFileSync(at('train/clip-001.wav'), readFileSync(at('train/clip-001.wav')).subarray(0, 100_000)),
    lost: ['train/clip-001'],
  },
  {
    what: 'a non-PCM WAV (MP3 in a WAV wrapper)',
    file: 'train/clip-002.wav',
    reason: /format 0x0055 \(MPEG Layer 3\) is not supported/,
    damage: () => {
      const bytes = readFileSync(at('train/clip-002.wav'));
      bytes.writeUInt16LE(0x0055, 20);
      writeFileSync(at('train/clip-002.wav'), bytes);
    },
    lost: ['train/clip-002'],
  },
  {
    what: 'a BVH with a broken hierarchy',
    file: 'train/clip-003.bvh',
    reason: /line \d+: expected '\{' after JOINT Spine/,
    damage: () => writeFileSync(at('train/clip-003.bvh'), readText('train/clip-003.bvh').replace('JOINT Spine\n\t{', 'JOINT Spine\n')),
    lost: ['train/clip-003'],
  },
  {
    what: 'a BVH frame with a wrong value count',
    file: 'train/clip-004.bvh',
    reason: /line \d+: frame 10 has 41 values, the hierarchy declares 42 channels/,
    damage: () => {
      const lines = readText('train/clip-004.bvh').split('\n');
      const first = lines.findIndex((l) => l.startsWith('Frame Time:')) + 1;
      lines[first + 9] = lines[first + 9]!.trim().split(/\s+/).slice(0, -1).join(' ');
      writeFileSync(at('train/clip-004.bvh'), lines.join('\n'));
    },
    lost: ['train/clip-004'],
  },
  {
    what: 'a WAV 1.5 s shorter than its BVH',
    file: 'validation/clip-000.wav',
    reason: /audio is 6\.50 s but 'clip-000\.bvh' is 8\.00 s/,
    damage: () => {
      const { samples } = wavSamples('validation/clip-000.wav');
      writeFileSync(at('validation/clip-000.wav'), writeWav(samples.subarray(0, 6.5 * 16000), 16000));
    },
    lost: ['validation/clip-000'],
  },
  {
    what: 'a BVH with no WAV',
    file: 'train/clip-005.bvh',
    reason: /has no 'clip-005\.wav' beside it/,
    damage: () => rmSync(at('train/clip-005.wav')),
    lost: ['train/clip-005'],
  },
  {
    what: 'a WAV with no BVH',
    file: 'train/extra-take.wav',
    reason: /has no 'extra-take\.bvh' beside it/,
    damage: () => copyFileSync(at('train/clip-000.wav'), at('train/extra-take.wav')),
    lost: [],
  },
  {
    what: 'a WAV with no BVH at the top of the folder',
    file: 'stray.wav',
    reason: /has no 'stray\.bvh' beside it/,
    damage: () => copyFileSync(at('train/clip-000.wav'), at('stray.wav')),
    lost: [],
  },
  {
    what: `a pair that ${MANIFEST_FILE} does not list`,
    file: 'train/unlisted.wav',
    reason: new RegExp(`'unlisted\\.bvh' is not listed in ${MANIFEST_FILE}`),
    damage: () => {
      copyFileSync(at('train/clip-000.wav'), at('train/unlisted.wav'));
      copyFileSync(at('train/clip-000.bvh'), at('train/unlisted.bvh'));
    },
    lost: [],
  },
];

describe('a dataset with bad files', () => {
  it.each(DAMAGES)('skips $what with the file and the problem, and loads the rest', ({ file, reason, damage, lost }) => {
    demo();
    damage();
    const data = loadAudioMotionDataset(dir);
    expect(data.skipped).toHaveLength(1);
    const entry = data.skipped[0]!;
    expect(entry.file).toBe(file);
    expect(entry.reason).toMatch(reason);
    expect(entry.reason).toContain(`'${file}'`);
    expect(entry.reason).not.toMatch(/undefined|NaN|\[object/);
    expect(loaded(data)).toEqual(ALL_CLIPS.filter((c) => !lost.includes(c)));
  });

  it('skips every bad file at once, lists each, and computes stats from the train clips that loaded', () => {
    demo();
    for (const d of DAMAGES) d.damage();
    const data = loadAudioMotionDataset(dir);
    expect(data.skipped.map((s) => s.file).sort()).toEqual(DAMAGES.map((d) => d.file).sort());
    expect(loaded(data)).toEqual(['train/clip-000', 'validation/clip-001']);
    const stats = featureStats(data.train, data.featureDim);
    expect(data.featureMean).toEqual(stats.mean);
    expect(data.audioMean).toEqual(featureStats(data.train.map((c) => ({ ...c, features: c.audio })), 82).mean);
  });
});

describe('a flat folder of pairs without a manifest', () => {
  /** 12 pairs named take-00 … take-11, written in a scrambled order. */
  function flat(): void {
    const source = join(dir, 'demo');
    writeDemoDataset(source, { trainClips: 6, validationClips: 6, seconds: 8 });
    const flatDir = join(dir, 'flat');
    mkdirSync(flatDir);
    const stems = ALL_CLIPS.slice(0, 6).concat(['validation/clip-000', 'validation/clip-001', 'validation/clip-002', 'validation/clip-003', 'validation/clip-004', 'validation/clip-005']);
    for (const i of [7, 2, 11, 0, 5, 9, 1, 3, 10, 4, 8, 6]) {
      const name = `take-${String(i).padStart(2, '0')}`;
      copyFileSync(join(source, `${stems[i]}.wav`), join(flatDir, `${name}.wav`));
      copyFileSync(join(source, `${stems[i]}.bvh`), join(flatDir, `${name}.bvh`));
    }
  }

  it('splits by clip, the same way on every load, and holds every sixth take out for validation', () => {
    flat();
    const flatDir = join(dir, 'flat');
    expect(existsSync(join(flatDir, MANIFEST_FILE))).toBe(false);
    const first = loadAudioMotionDataset(flatDir);
    const second = loadAudioMotionDataset(flatDir);
    expect(first.skipped).toEqual([]);
    expect(first.validation.map((c) => c.file)).toEqual(['take-05.bvh', 'take-11.bvh']);
    expect(first.train.map((c) => c.file)).toEqual(['00', '01', '02', '03', '04', '06', '07', '08', '09', '10'].map((n) => `take-${n}.bvh`));
    expect(second.train.map((c) => c.file)).toEqual(first.train.map((c) => c.file));
    expect(second.validation.map((c) => c.file)).toEqual(first.validation.map((c) => c.file));
    expect(second.audioMean).toEqual(first.audioMean);
    expect(second.featureMean).toEqual(first.featureMean);
    for (const clip of [...first.train, ...first.validation]) expect(clip.audioFile).toBe(clip.file.replace(/\.bvh$/, '.wav'));
  });

  it('keeps every other take in its split when one take is bad', () => {
    flat();
    const flatDir = join(dir, 'flat');
    writeFileSync(join(flatDir, 'take-03.bvh'), 'HIERARCHY\nROOT Hips\n{\n');
    writeFileSync(join(flatDir, 'take-08.wav'), readFileSync(join(flatDir, 'take-08.wav')).subarray(0, 1000));
    const data = loadAudioMotionDataset(flatDir);
    expect(data.skipped.map((s) => s.file)).toEqual(['take-03.bvh', 'take-08.wav']);
    expect(data.validation.map((c) => c.file)).toEqual(['take-05.bvh', 'take-11.bvh']);
    expect(data.train.map((c) => c.file)).toEqual(['00', '01', '02', '04', '06', '07', '09', '10'].map((n) => `take-${n}.bvh`));
  });
});

describe('the import report', () => {
  it(`records clips, split, audio files, fps, skeleton, train stats and skipped files in ${IMPORT_REPORT_FILE}`, () => {
    demo();
    DAMAGES[0]!.damage();
    DAMAGES[6]!.damage();
    const manifestBefore = readText(MANIFEST_FILE);
    const data = loadAudioMotionDataset(dir);
    const report = writeImportReport(dir, data);

    expect(readText(MANIFEST_FILE)).toBe(manifestBefore); // the clip list the motion loader reads is untouched
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const onDisk = JSON.parse(readText(IMPORT_REPORT_FILE)) as ImportReport;
    expect(onDisk).toEqual(report);

    expect(onDisk.format).toBe('stagecraft-import-report');
    expect(onDisk.name).toBe('demo-gestures');
    expect(onDisk.fps).toBe(30);
    expect(onDisk.audio).toEqual({ sampleRate: 16000, dim: 82, channel: 'mix' });
    expect(onDisk.skeleton).toEqual({ names: data.jointNames, parents: data.parents });
    expect(onDisk.clips).toEqual(
      [...data.train.map((c) => ({ c, split: 'train' })), ...data.validation.map((c) => ({ c, split: 'validation' }))].map(({ c, split }) => ({
        name: c.name,
        file: c.file,
        audio: c.audioFile,
        split,
        frames: 240,
      })),
    );
    expect(onDisk.clips.map((c) => c.file)).not.toContain('train/clip-001.bvh');
    expect(onDisk.skipped).toEqual(data.skipped);
    expect(onDisk.skipped.map((s) => s.file)).toEqual(['train/clip-001.wav', 'train/extra-take.wav']);

    // The stats survive the JSON round trip exactly (float32 → double → float32).
    expect(Float32Array.from(onDisk.stats.motion.mean)).toEqual(data.featureMean);
    expect(Float32Array.from(onDisk.stats.motion.std)).toEqual(data.featureStd);
    expect(Float32Array.from(onDisk.stats.audio.mean)).toEqual(data.audioMean);
    expect(Float32Array.from(onDisk.stats.audio.std)).toEqual(data.audioStd);
    expect(onDisk.stats.trainFrames).toBe(5 * 240);

    // Writing again replaces the report whole.
    rmSync(at('train/extra-take.wav'));
    writeImportReport(dir, loadAudioMotionDataset(dir));
    expect((JSON.parse(readText(IMPORT_REPORT_FILE)) as ImportReport).skipped.map((s) => s.file)).toEqual(['train/clip-001.wav']);
  });
});
