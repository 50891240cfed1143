/**
 * BVH reader. User motion arrives as BVH files from many exporters (CMU, MotionBuilder,
 * Blender, Rokoko), so this accepts the whole format — any channel order and count per
 * joint, any frame rate, several ROOTs, names with spaces — and rejects everything else
 * with a BvhError that names the file, the problem and the line, because "bad file"
 * without a line number sends a user hunting through 10,000-line text files.
 */

export const CHANNEL_NAMES = ['Xposition', 'Yposition', 'Zposition', 'Xrotation', 'Yrotation', 'Zrotation'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export interface BvhSkeleton {
  /** Joint names in file order; a parent always comes before its children. */
  names: string[];
  /** Parent index per joint, -1 for a ROOT. */
  parents: number[];
  /** OFFSET per joint: the joint's position in its parent's frame at rest. */
  offsets: [number, number, number][];
  /** CHANNELS per joint, in the order the file lists them (= the order of the values). */
  channels: ChannelName[][];
  /** The End Site OFFSET under a joint, or null when the joint has none. */
  endSites: ([number, number, number] | null)[];
}

export interface BvhMotion {
  skeleton: BvhSkeleton;
  /** Seconds per frame, as written after "Frame Time:". */
  frameTime: number;
  frameCount: number;
  /** frameCount × totalChannels values; joint j's channels start at channelStarts(skeleton)[j]. */
  channelData: Float32Array;
}

/** A file we cannot use. `message` already names the file; `line` is 1-based when known. */
export class BvhError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line?: number,
  ) {
    super(`'${file}'${line === undefined ? '' : ` line ${line}`}: ${problem}`);
    this.name = 'BvhError';
  }
}

/** Index of each joint's first value within a frame. */
export function channelStarts(skeleton: BvhSkeleton): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const list of skeleton.channels) {
    starts.push(at);
    at += list.length;
  }
  return starts;
}

export function totalChannels(skeleton: BvhSkeleton): number {
  return skeleton.channels.reduce((sum, list) => sum + list.length, 0);
}

interface Token {
  text: string;
  line: number;
}

// Exporters differ in capitalisation ("XPOSITION", "xrotation"); the meaning does not.
const CHANNEL_BY_LOWER = new Map<string, ChannelName>(CHANNEL_NAMES.map((c) => [c.toLowerCase(), c]));
const KEYWORDS = new Set(['root', 'joint', 'end', 'offset', 'channels', '{', '}', 'motion']);

/** Parses BVH text. `file` is only used to name the file in errors. */
export function parseBvh(text: string, file: string): BvhMotion {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines.every((l) => l.trim() === '')) throw new BvhError(file, 'the file is empty');

  let motionLine = lines.findIndex((l) => /^\s*MOTION\b/i.test(l));
  const tokens = tokenize(lines, motionLine === -1 ? lines.length : motionLine);
  const skeleton = new HierarchyParser(tokens, file).parse();
  if (motionLine === -1) throw new BvhError(file, 'no MOTION section after the HIERARCHY');

  const next = (): { text: string; line: number } | undefined => {
    for (motionLine += 1; motionLine < lines.length; motionLine++) {
      const l = lines[motionLine]!.trim();
      if (l !== '') return { text: l, line: motionLine + 1 };
    }
    return undefined;
  };
  const framesLine = next();
  const framesMatch = framesLine && /^Frames:\s*(\S+)$/i.exec(framesLine.text);
  const frameCount = framesMatch ? Number(framesMatch[1]) : NaN;
  if (!framesLine || !Number.isInteger(frameCount) || frameCount < 0) {
    throw new BvhError(file, `expected "Frames: <count>" after MOTION, found ${quote(framesLine?.text)}`, framesLine?.line);
  }
  const timeLine = next();
  const timeMatch = timeLine && /^Frame\s+Time:\s*(\S+)$/i.exec(timeLine.text);
  const frameTime = timeMatch ? Number(timeMatch[1]) : NaN;
  if (!timeLine || !Number.isFinite(frameTime) || frameTime <= 0) {
    throw new BvhError(file, `expected "Frame Time: <seconds>" (a positive number), found ${quote(timeLine?.text)}`, timeLine?.line);
  }

  const width = totalChannels(skeleton);
  const channelData = new Float32Array(frameCount * width);
  let frame = 0;
  for (let i = motionLine + 1; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l === '') continue; // trailing newlines and stray blank lines carry no data
    if (frame >= frameCount) {
      // Count them all: "3070 lines for 3069 frames" tells an off-by-one exporter from junk.
      const found = frameCount + lines.slice(i).filter((x) => x.trim() !== '').length;
      throw new BvhError(file, `the header says Frames: ${frameCount} but ${found} frame lines follow (the first extra one is line ${i + 1})`);
    }
    const values = l.split(/\s+/);
    if (values.length !== width) {
      throw new BvhError(
        file,
        `frame ${frame + 1} has ${values.length} values, the hierarchy declares ${width} channels`,
        i + 1,
      );
    }
    const base = frame * width;
    for (let c = 0; c < width; c++) {
      const v = Number(values[c]);
      if (!Number.isFinite(v)) {
        throw new BvhError(file, `frame ${frame + 1} value ${c + 1} is not a number: ${quote(values[c])}`, i + 1);
      }
      channelData[base + c] = v;
    }
    frame++;
  }
  if (frame !== frameCount) {
    throw new BvhError(file, `the header says Frames: ${frameCount} but ${frame} frame lines follow`);
  }
  return { skeleton, frameTime, frameCount, channelData };
}

function tokenize(lines: string[], end: number): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < end; i++) {
    // Some exporters glue braces to names ("Hips{"): split them out.
    for (const text of lines[i]!.replace(/[{}]/g, ' $& ').split(/\s+/)) {
      if (text !== '') tokens.push({ text, line: i + 1 });
    }
  }
  return tokens;
}

function quote(text: string | undefined): string {
  if (text === undefined) return 'the end of the file';
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}

class HierarchyParser {
  private at = 0;
  private readonly skeleton: BvhSkeleton = { names: [], parents: [], offsets: [], channels: [], endSites: [] };

  constructor(
    private readonly tokens: Token[],
    private readonly file: string,
  ) {}

  parse(): BvhSkeleton {
    const first = this.tokens[0];
    if (first?.text.toUpperCase() !== 'HIERARCHY') {
      throw this.error(`expected HIERARCHY at the start of the file, found ${quote(first?.text)}`, first?.line);
    }
    this.at = 1;
    while (this.peek()?.text.toUpperCase() === 'ROOT') this.joint(-1);
    const extra = this.peek();
    if (this.skeleton.names.length === 0) throw this.error(`expected ROOT, found ${quote(extra?.text)}`, extra?.line);
    if (extra?.text === '}') throw this.error("unbalanced braces: a '}' closes nothing", extra.line);
    if (extra) throw this.error(`unexpected ${quote(extra.text)} after the hierarchy (expected ROOT or MOTION)`, extra.line);
    return this.skeleton;
  }

  private joint(parent: number): void {
    const keyword = this.take()!; // ROOT or JOINT, checked by the caller
    const nameParts: string[] = [];
    while (this.peek() && this.peek()!.text !== '{' && !KEYWORDS.has(this.peek()!.text.toLowerCase())) {
      nameParts.push(this.take()!.text);
    }
    const name = nameParts.join(' ');
    if (name === '') throw this.error(`${keyword.text} has no name`, keyword.line);
    const open = this.take();
    if (open?.text !== '{') throw this.error(`expected '{' after ${keyword.text} ${name}, found ${quote(open?.text)}`, open?.line ?? keyword.line);

    const index = this.skeleton.names.length;
    this.skeleton.names.push(name);
    this.skeleton.parents.push(parent);
    this.skeleton.endSites.push(null);
    let offset: [number, number, number] | undefined;
    let channels: ChannelName[] | undefined;
    // Placeholders keep arrays index-aligned while children are parsed.
    this.skeleton.offsets.push([0, 0, 0]);
    this.skeleton.channels.push([]);

    for (;;) {
      const t = this.take();
      if (!t) {
        throw this.error(`unbalanced braces: joint '${name}' opened at line ${keyword.line} is never closed`);
      }
      const word = t.text.toUpperCase();
      if (word === 'OFFSET') {
        if (offset) throw this.error(`joint '${name}' has a second OFFSET`, t.line);
        offset = this.vector(t);
      } else if (word === 'CHANNELS') {
        if (channels) throw this.error(`joint '${name}' has a second CHANNELS`, t.line);
        channels = this.channelList(t);
      } else if (word === 'JOINT') {
        this.at--;
        this.joint(index);
      } else if (word === 'END') {
        if (this.skeleton.endSites[index]) throw this.error(`joint '${name}' has a second End Site`, t.line);
        this.skeleton.endSites[index] = this.endSite(t);
      } else if (word === '}') {
        if (!offset) throw this.error(`joint '${name}' (line ${keyword.line}) has no OFFSET`, t.line);
        if (!channels) throw this.error(`joint '${name}' (line ${keyword.line}) has no CHANNELS`, t.line);
        this.skeleton.offsets[index] = offset;
        this.skeleton.channels[index] = channels;
        return;
      } else if (word === 'ROOT') {
        throw this.error(`unbalanced braces: joint '${name}' opened at line ${keyword.line} is not closed before ROOT`, t.line);
      } else {
        throw this.error(`unexpected ${quote(t.text)} in joint '${name}' (expected OFFSET, CHANNELS, JOINT, End Site or '}')`, t.line);
      }
    }
  }

  private endSite(end: Token): [number, number, number] {
    if (this.peek()?.text.toUpperCase() === 'SITE') this.take();
    const open = this.take();
    if (open?.text !== '{') throw this.error(`expected '{' after End Site, found ${quote(open?.text)}`, open?.line ?? end.line);
    const keyword = this.take();
    if (keyword?.text.toUpperCase() !== 'OFFSET') {
      throw this.error(`End Site (line ${end.line}) has no OFFSET, found ${quote(keyword?.text)}`, keyword?.line ?? end.line);
    }
    const offset = this.vector(keyword);
    const close = this.take();
    if (close?.text !== '}') {
      throw this.error(`unbalanced braces: End Site opened at line ${end.line} is not closed, found ${quote(close?.text)}`, close?.line ?? end.line);
    }
    return offset;
  }

  private vector(keyword: Token): [number, number, number] {
    const v: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = this.take();
      const n = t ? Number(t.text) : NaN;
      if (!t || !Number.isFinite(n) || t.line !== keyword.line) {
        throw this.error(`OFFSET needs 3 numbers, value ${i + 1} is ${t && t.line === keyword.line ? quote(t.text) : 'missing'}`, keyword.line);
      }
      v.push(n);
    }
    return [v[0]!, v[1]!, v[2]!];
  }

  private channelList(keyword: Token): ChannelName[] {
    const countToken = this.take();
    const count = countToken ? Number(countToken.text) : NaN;
    if (!countToken || !Number.isInteger(count) || count < 0) {
      throw this.error(`CHANNELS needs a count, found ${quote(countToken?.text)}`, keyword.line);
    }
    const list: ChannelName[] = [];
    for (let i = 0; i < count; i++) {
      const t = this.peek();
      if (!t || KEYWORDS.has(t.text.toLowerCase())) {
        throw this.error(`CHANNELS ${count} lists only ${i} channel names`, keyword.line);
      }
      this.take();
      const channel = CHANNEL_BY_LOWER.get(t.text.toLowerCase());
      if (!channel) {
        throw this.error(`unknown channel ${quote(t.text)} (expected one of ${CHANNEL_NAMES.join(', ')})`, t.line);
      }
      list.push(channel);
    }
    return list;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private take(): Token | undefined {
    return this.tokens[this.at++];
  }

  private error(problem: string, line?: number): BvhError {
    return new BvhError(this.file, problem, line);
  }
}
