/**
 * The MOTION section of a BVH file: "Frames:", "Frame Time:", then one line of channel values
 * per frame. Bounded before anything is allocated (bvh-limits.ts): the frame lines are counted
 * first, so the array is sized by what the file holds, never by what its header claims.
 *
 * Real exporters write a "Frames:" count that is off by one now and then (Boxing_Toes.bvh in
 * assimp's test models has 3,070 frame lines under "Frames: 3069"); three.js and Blender load
 * such files, so a count within BVH_FRAME_COUNT_SLACK of the lines loads every line with a
 * warning. Further apart, the file is more likely cut off or pasted together, and is refused.
 */
import { BvhError, quote } from './bvh-error.js';
import {
  BVH_FRAME_COUNT_SLACK,
  BVH_MAX_FRAME_TIME,
  BVH_MAX_FRAMES,
  BVH_MAX_SECONDS,
  BVH_MAX_VALUES,
  BVH_MIN_FRAME_TIME,
} from './bvh-limits.js';

export interface MotionSection {
  frameTime: number;
  frameCount: number;
  channelData: Float32Array;
  /** What loaded anyway but a person should know (a "Frames:" count that disagrees with the lines). */
  warnings: string[];
}

const count = (n: number): string => n.toLocaleString('en-US');

/** Parses the lines after the MOTION line at index `motionLine`, for a hierarchy of `width` channels. */
export function parseMotionSection(lines: readonly string[], motionLine: number, width: number, file: string): MotionSection {
  let at = motionLine;
  const next = (): { text: string; line: number } | undefined => {
    for (at += 1; at < lines.length; at++) {
      const l = lines[at]!.trim();
      if (l !== '') return { text: l, line: at + 1 };
    }
    return undefined;
  };
  const framesLine = next();
  const framesMatch = framesLine && /^Frames:\s*(\S+)$/i.exec(framesLine.text);
  const header = framesMatch ? Number(framesMatch[1]) : NaN;
  if (!framesLine || !Number.isInteger(header) || header < 0) {
    throw new BvhError(file, `expected "Frames: <count>" after MOTION, found ${quote(framesLine?.text)}`, framesLine?.line);
  }
  if (header > BVH_MAX_FRAMES) {
    throw new BvhError(file, `the header says Frames: ${count(header)}; a clip may have at most ${count(BVH_MAX_FRAMES)} frames (split the recording into shorter takes)`, framesLine.line);
  }
  const timeLine = next();
  const timeMatch = timeLine && /^Frame\s+Time:\s*(\S+)$/i.exec(timeLine.text);
  const frameTime = timeMatch ? Number(timeMatch[1]) : NaN;
  if (!timeLine || !Number.isFinite(frameTime) || frameTime <= 0) {
    throw new BvhError(file, `expected "Frame Time: <seconds>" (a positive number), found ${quote(timeLine?.text)}`, timeLine?.line);
  }
  if (frameTime < BVH_MIN_FRAME_TIME || frameTime > BVH_MAX_FRAME_TIME) {
    throw new BvhError(
      file,
      `Frame Time: ${timeMatch![1]} is not a frame rate motion is recorded at; expected seconds per frame between ${BVH_MIN_FRAME_TIME} (10,000 fps) and ${BVH_MAX_FRAME_TIME} (e.g. 0.0333333 for 30 fps)`,
      timeLine.line,
    );
  }

  // Count the frame lines (blank ones carry nothing) before allocating; stop counting once too many.
  const firstFrame = at + 1;
  let found = 0;
  let firstExtraLine = 0;
  for (let i = firstFrame; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    found++;
    if (found === header + 1) firstExtraLine = i + 1;
    if (found > BVH_MAX_FRAMES + BVH_FRAME_COUNT_SLACK) break;
  }
  const warnings: string[] = [];
  if (found !== header) {
    if (Math.abs(found - header) > BVH_FRAME_COUNT_SLACK) {
      // "3070 lines for 3069 frames" tells an off-by-one exporter from junk; the first extra line helps find junk.
      const extra = found > header ? ` (the first extra one is line ${firstExtraLine})` : '';
      throw new BvhError(file, `the header says Frames: ${header} but ${found} frame lines follow${extra}`);
    }
    warnings.push(`'${file}': the header says Frames: ${header} but ${found} frame lines follow; all ${found} were read`);
  }
  if (found * width > BVH_MAX_VALUES) {
    throw new BvhError(file, `${count(found)} frames of ${width} channels are ${count(found * width)} values; at most ${count(BVH_MAX_VALUES)} are read (split the recording into shorter takes)`);
  }
  if (found * frameTime > BVH_MAX_SECONDS) {
    const minutes = ((found * frameTime) / 60).toLocaleString('en-US', { maximumFractionDigits: 1 });
    throw new BvhError(file, `${count(found)} frames of ${frameTime} s are ${minutes} minutes; a clip may be at most ${BVH_MAX_SECONDS / 60} minutes (split the recording into shorter takes)`);
  }

  const channelData = new Float32Array(found * width);
  let frame = 0;
  for (let i = firstFrame; i < lines.length && frame < found; i++) {
    const l = lines[i]!.trim();
    if (l === '') continue;
    const values = l.split(/\s+/);
    if (values.length !== width) {
      throw new BvhError(file, `frame ${frame + 1} has ${values.length} values, the hierarchy declares ${width} channels`, i + 1);
    }
    const base = frame * width;
    for (let c = 0; c < width; c++) {
      const v = Number(values[c]);
      if (!Number.isFinite(v)) throw new BvhError(file, `frame ${frame + 1} value ${c + 1} is not a number: ${quote(values[c])}`, i + 1);
      channelData[base + c] = v;
    }
    frame++;
  }
  return { frameTime, frameCount: found, channelData, warnings };
}
