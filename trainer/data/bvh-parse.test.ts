import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BvhError, channelStarts, parseBvh, totalChannels } from './bvh-parse.js';
import { BOXING, CMU_01_01, HAS_BOXING, HAS_CMU, TINY_BVH, skipNote } from './test-fixtures.js';

/** The BvhError a bad file raises, so each case can check what the user is told. */
function errorFor(text: string, file = 'clip07.bvh'): BvhError {
  try {
    parseBvh(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(BvhError);
    return error as BvhError;
  }
  throw new Error('expected parseBvh to reject the file');
}

describe('parseBvh reads real files', () => {
  it.skipIf(!HAS_CMU)(`reads CMU 01_01: 31 joints, 96 channels, 2752 frames at 120 fps${skipNote(CMU_01_01, HAS_CMU)}`, () => {
    const m = parseBvh(readFileSync(CMU_01_01, 'utf8'), '01_01.bvh');
    expect(m.skeleton.names).toHaveLength(31);
    expect(m.skeleton.names[0]).toBe('Hips');
    expect(m.skeleton.parents[0]).toBe(-1);
    expect(m.skeleton.parents.slice(1).every((p, i) => p >= 0 && p <= i)).toBe(true);
    expect(m.skeleton.channels[0]).toEqual(['Xposition', 'Yposition', 'Zposition', 'Zrotation', 'Yrotation', 'Xrotation']);
    expect(totalChannels(m.skeleton)).toBe(96);
    expect(m.frameTime).toBeCloseTo(0.0083333, 7);
    expect(m.frameCount).toBe(2752);
    expect(m.channelData).toHaveLength(2752 * 96);
    expect(m.channelData[0]).toBeCloseTo(9.3722, 4);
    expect(m.skeleton.endSites.filter(Boolean)).toHaveLength(7);
    expect(m.skeleton.offsets[2]).toEqual([1.36306, -1.79463, 0.83929]);
  });

  it.skipIf(!HAS_BOXING)(`reads another exporter's file at 100 fps whose Frames count is one short, with a warning${skipNote(BOXING, HAS_BOXING)}`, () => {
    // As shipped, Boxing_Toes.bvh has one frame line more than its header declares; three.js
    // and Blender load it, so every line is read and the person is told.
    const m = parseBvh(readFileSync(BOXING, 'utf8'), 'Boxing_Toes.bvh');
    expect(m.warnings).toEqual(["'Boxing_Toes.bvh': the header says Frames: 3069 but 3070 frame lines follow; all 3070 were read"]);
    expect(m.frameCount).toBe(3070);
    expect(m.frameTime).toBeCloseTo(0.01, 9);
    expect(m.skeleton.names).toHaveLength(21);
    expect(m.channelData).toHaveLength(3070 * totalChannels(m.skeleton));
  });

  it.skipIf(!HAS_CMU)(`reads every CMU file assimp ships without a warning${skipNote(CMU_01_01, HAS_CMU)}`, () => {
    for (const file of [CMU_01_01, CMU_01_01.replace('01_01', '01_03')]) {
      const m = parseBvh(readFileSync(file, 'utf8'), file);
      expect(m.warnings, file).toBeUndefined();
      expect(m.skeleton.names, file).toHaveLength(31);
    }
  });

  it.skipIf(!HAS_CMU)(`names the file, the frame and the counts when a frame is short${skipNote(CMU_01_01, HAS_CMU)}`, () => {
    const lines = readFileSync(CMU_01_01, 'utf8').split('\n');
    const frame12 = lines.findIndex((l) => /^Frame Time/.test(l)) + 12;
    lines[frame12] = lines[frame12]!.trim().split(/\s+/).slice(1).join(' ');
    const e = errorFor(lines.join('\n'), 'clip07.bvh');
    expect(e.message).toBe(`'clip07.bvh' line ${frame12 + 1}: frame 12 has 95 values, the hierarchy declares 96 channels`);
    expect(e.file).toBe('clip07.bvh');
    expect(e.line).toBe(frame12 + 1);
  });
});

describe('parseBvh accepts the whole format', () => {
  it('reads channels in any order and count, per joint', () => {
    const text = TINY_BVH.replace('CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation', 'CHANNELS 2 Yrotation Xposition')
      .replace('CHANNELS 3 Zrotation Xrotation Yrotation', 'CHANNELS 4 Yposition Xrotation Zrotation Yrotation')
      .replace(/0 90 0 0 0 0 0 0 0\n1 90 0 90 90 0 0 0 0/, '1 2 3 4 5 6\n7 8 9 10 11 12');
    const m = parseBvh(text, 'odd.bvh');
    expect(m.skeleton.channels).toEqual([['Yrotation', 'Xposition'], ['Yposition', 'Xrotation', 'Zrotation', 'Yrotation']]);
    expect(channelStarts(m.skeleton)).toEqual([0, 2]);
    expect(Array.from(m.channelData)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('tolerates CRLF, a BOM, glued braces, odd capitalisation, names with spaces and trailing blank lines', () => {
    const text = `\uFEFF${TINY_BVH.replace('ROOT Hips\n{', 'ROOT Hips{').replace('JOINT Chest', 'JOINT Upper Chest').replace('Zrotation Xrotation Yrotation\n\t\tEnd', 'ZROTATION xrotation Yrotation\n\t\tEnd')}\n\n`.replace(/\n/g, '\r\n');
    const m = parseBvh(text, 'windows.bvh');
    expect(m.skeleton.names).toEqual(['Hips', 'Upper Chest']);
    expect(m.skeleton.channels[1]).toEqual(['Zrotation', 'Xrotation', 'Yrotation']);
    expect(m.skeleton.endSites).toEqual([null, [0, 5, 0]]);
    expect(m.frameCount).toBe(2);
  });

  it('reads any frame rate and zero frames', () => {
    const m = parseBvh(TINY_BVH.replace('Frames: 2', 'Frames: 0').replace('Frame Time: 0.04', 'Frame Time: .0166667').replace(/0 90[^\n]*\n1 90[^\n]*\n/, ''), 'empty-motion.bvh');
    expect(m.frameTime).toBeCloseTo(1 / 60, 6);
    expect(m.frameCount).toBe(0);
    expect(m.channelData).toHaveLength(0);
  });
});

describe('parseBvh rejects bad files with the file name and the problem', () => {
  const cases: [string, string, RegExp][] = [
    ['an empty file', '  \n\n', /^'clip07\.bvh': the file is empty$/],
    ['a file that is not BVH', 'ply\nformat ascii 1.0\n', /line 1: expected HIERARCHY .* found 'ply'/],
    ['a joint that is never closed', TINY_BVH.replace(/\t\t}\n\t}\n}\nMOTION/, '\t\t}\n\t}\nMOTION'), /unbalanced braces: joint 'Hips' opened at line 2 is never closed/],
    ['a hierarchy that runs off the end', TINY_BVH.slice(0, TINY_BVH.indexOf('\t}\n}')), /unbalanced braces: joint 'Chest' opened at line 6 is never closed/],
    ['a stray closing brace', TINY_BVH.replace('}\nMOTION', '}\n}\nMOTION'), /line 16: unbalanced braces: a '}' closes nothing/],
    ['a joint without OFFSET', TINY_BVH.replace('\t\tOFFSET 0 10 0\n', ''), /line 13: joint 'Chest' \(line 6\) has no OFFSET/],
    ['a joint without CHANNELS', TINY_BVH.replace('\t\tCHANNELS 3 Zrotation Xrotation Yrotation\n', ''), /joint 'Chest' \(line 6\) has no CHANNELS/],
    ['an unknown channel name', TINY_BVH.replace('Zrotation Xrotation Yrotation\n\t\tEnd', 'Zrotation Xrot Yrotation\n\t\tEnd'), /line 9: unknown channel 'Xrot'/],
    ['a CHANNELS count larger than the list', TINY_BVH.replace('CHANNELS 3 Zrotation Xrotation Yrotation', 'CHANNELS 4 Zrotation Xrotation Yrotation'), /line 9: CHANNELS 4 lists only 3 channel names/],
    ['an OFFSET with two numbers', TINY_BVH.replace('OFFSET 0 10 0', 'OFFSET 0 10'), /line 8: OFFSET needs 3 numbers, value 3 is missing/],
    ['a frame with too few values', TINY_BVH.replace('1 90 0 90 90 0 0 0 0', '1 90 0 90 90 0 0 0'), /^'clip07\.bvh' line 20: frame 2 has 8 values, the hierarchy declares 9 channels$/],
    ['a frame with too many values', TINY_BVH.replace('0 90 0 0 0 0 0 0 0', '0 90 0 0 0 0 0 0 0 0'), /line 19: frame 1 has 10 values, the hierarchy declares 9 channels/],
    ['far fewer frames than Frames: says', TINY_BVH.replace('Frames: 2', 'Frames: 5'), /the header says Frames: 5 but 2 frame lines follow$/],
    ['far more frames than Frames: says', `${TINY_BVH}${'0 90 0 0 0 0 0 0 0\n'.repeat(3)}`.replace('Frames: 2', 'Frames: 1'), /the header says Frames: 1 but 5 frame lines follow \(the first extra one is line 20\)/],
    ['a non-numeric value', TINY_BVH.replace('1 90 0 90 90', '1 90 0 abc 90'), /line 20: frame 2 value 4 is not a number: 'abc'/],
    ['a non-numeric OFFSET', TINY_BVH.replace('OFFSET 0 10 0', 'OFFSET 0 ten 0'), /line 8: OFFSET needs 3 numbers, value 2 is 'ten'/],
    ['a missing Frame Time', TINY_BVH.replace('Frame Time: 0.04\n', ''), /line 18: expected "Frame Time: <seconds>"/],
    ['a zero Frame Time', TINY_BVH.replace('Frame Time: 0.04', 'Frame Time: 0'), /Frame Time: <seconds>" \(a positive number\), found 'Frame Time: 0'/],
    ['a non-numeric frame count', TINY_BVH.replace('Frames: 2', 'Frames: many'), /line 17: expected "Frames: <count>"/],
    ['no MOTION section', TINY_BVH.slice(0, TINY_BVH.indexOf('MOTION')), /no MOTION section/],
    ['a very long line that is not BVH is quoted in a few characters only', `${'x'.repeat(500)}\n`, /found 'x{24}…'$/],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const e = errorFor(text);
    expect(e.file).toBe('clip07.bvh');
    expect(e.message.startsWith("'clip07.bvh'")).toBe(true);
    expect(e.message).toMatch(expected);
  });
});

describe('parseBvh bounds what a file can make it do', () => {
  /** A chain of `depth` joints, each inside the last, with one frame. */
  function nested(depth: number): string {
    const open = Array.from({ length: depth }, (_, i) => `${i === 0 ? 'ROOT' : 'JOINT'} J${i}\n{\nOFFSET 0 1 0\nCHANNELS 3 Zrotation Xrotation Yrotation\n`).join('');
    return `HIERARCHY\n${open}${'}\n'.repeat(depth)}MOTION\nFrames: 1\nFrame Time: 0.0333333\n${'0 '.repeat(depth * 3).trim()}\n`;
  }

  it('reads a chain 100 joints deep, and refuses deeper nesting with a sentence instead of a stack overflow', () => {
    expect(parseBvh(nested(100), 'deep.bvh').skeleton.names).toHaveLength(100);
    expect(errorFor(nested(101)).message).toMatch(/^'clip07\.bvh' line \d+: joints are nested more than 100 deep; no skeleton Stagecraft reads is$/);
    // Far deeper (the stack would overflow near 10,000): refused while reading, before any nesting is followed.
    expect(errorFor(nested(50_000)).message).toMatch(/^'clip07\.bvh' line \d+: the HIERARCHY is larger than any skeleton Stagecraft reads \(more than 1024 joints\)$/);
  });

  it('refuses a skeleton of more than 1,024 joints', () => {
    const joints = Array.from({ length: 1100 }, (_, i) => `JOINT J${i}\n{\nOFFSET 0 1 0\nCHANNELS 0\n}\n`).join('');
    const text = `HIERARCHY\nROOT Hips\n{\nOFFSET 0 0 0\nCHANNELS 3 Zrotation Xrotation Yrotation\n${joints}}\nMOTION\nFrames: 1\nFrame Time: 0.04\n0 0 0\n`;
    expect(errorFor(text).message).toMatch(/the skeleton has more than 1024 joints/);
  });

  it('refuses a CHANNELS count beyond the six channels a joint can have', () => {
    expect(errorFor(TINY_BVH.replace('CHANNELS 3 Zrotation', 'CHANNELS 100000000 Zrotation')).message).toMatch(/line 9: CHANNELS 100000000: a joint has at most 6 channels/);
  });

  it('refuses a Frames: count of 10^15 with a sentence, before allocating anything', () => {
    const e = errorFor(TINY_BVH.replace('Frames: 2', 'Frames: 1000000000000000'));
    expect(e.message).toBe("'clip07.bvh' line 17: the header says Frames: 1,000,000,000,000,000; a clip may have at most 1,000,000 frames (split the recording into shorter takes)");
  });

  it('refuses frame times no recording has (1e-300, an hour per frame)', () => {
    for (const time of ['1e-300', '3600']) {
      expect(errorFor(TINY_BVH.replace('Frame Time: 0.04', `Frame Time: ${time}`)).message).toMatch(new RegExp(`line 18: Frame Time: ${time} is not a frame rate motion is recorded at`));
    }
  });

  it('refuses a clip longer than an hour', () => {
    const text = `${TINY_BVH.replace('Frames: 2', 'Frames: 400').replace('Frame Time: 0.04', 'Frame Time: 10')}${'0 90 0 0 0 0 0 0 0\n'.repeat(398)}`;
    expect(errorFor(text).message).toMatch(/400 frames of 10 s are 66\.7 minutes; a clip may be at most 60 minutes/);
  });

  it('loads a Frames: count one or two off the lines with a warning, and every line', () => {
    for (const [header, lines] of [[1, 2], [3, 2], [4, 2]] as const) {
      const m = parseBvh(TINY_BVH.replace('Frames: 2', `Frames: ${header}`), 'off.bvh');
      expect(m.frameCount).toBe(lines);
      expect(m.warnings).toEqual([`'off.bvh': the header says Frames: ${header} but ${lines} frame lines follow; all ${lines} were read`]);
    }
    expect(parseBvh(TINY_BVH, 'exact.bvh').warnings).toBeUndefined();
  });
});
