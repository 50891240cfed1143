/**
 * BVH reader. User motion arrives as BVH files from many exporters (CMU, MotionBuilder,
 * Blender, Rokoko), so this accepts the whole format — any channel order and count per
 * joint, any frame rate, several ROOTs, names with spaces — and rejects everything else
 * with a BvhError that names the file, the problem and the line, because "bad file"
 * without a line number sends a user hunting through 10,000-line text files. Sizes are
 * bounded (bvh-limits.ts), so a hostile file gets a sentence too, not a stack overflow.
 */
import { BvhError, quote } from './bvh-error.js';
import { BVH_MAX_CHANNELS_PER_JOINT, BVH_MAX_DEPTH, BVH_MAX_JOINTS } from './bvh-limits.js';
import { parseMotionSection } from './bvh-motion.js';

export { BvhError } from './bvh-error.js';

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
  /** What loaded anyway but a person should know, each naming the file (a "Frames:" count off by one). */
  warnings?: string[];
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

  const motionLine = lines.findIndex((l) => /^\s*MOTION\b/i.test(l));
  const tokens = tokenize(lines, motionLine === -1 ? lines.length : motionLine, file);
  const skeleton = new HierarchyParser(tokens, file).parse();
  if (motionLine === -1) throw new BvhError(file, 'no MOTION section after the HIERARCHY');
  const { frameTime, frameCount, channelData, warnings } = parseMotionSection(lines, motionLine, totalChannels(skeleton), file);
  return { skeleton, frameTime, frameCount, channelData, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Far more tokens than BVH_MAX_JOINTS joints can take (a joint with its End Site is about 20). */
const MAX_TOKENS = BVH_MAX_JOINTS * 64;

function tokenize(lines: string[], end: number, file: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < end; i++) {
    // Braces are tokens of their own: some exporters glue them to names ("Hips{"). Matched
    // lazily, so one enormous line stops at the cap instead of being split whole first.
    for (const [text] of lines[i]!.matchAll(/[{}]|[^\s{}]+/g)) {
      tokens.push({ text, line: i + 1 });
      if (tokens.length > MAX_TOKENS) throw new BvhError(file, `the HIERARCHY is larger than any skeleton Stagecraft reads (more than ${BVH_MAX_JOINTS} joints)`, i + 1);
    }
  }
  return tokens;
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
    while (this.peek()?.text.toUpperCase() === 'ROOT') this.joint(-1, 1);
    const extra = this.peek();
    if (this.skeleton.names.length === 0) throw this.error(`expected ROOT, found ${quote(extra?.text)}`, extra?.line);
    if (extra?.text === '}') throw this.error("unbalanced braces: a '}' closes nothing", extra.line);
    if (extra) throw this.error(`unexpected ${quote(extra.text)} after the hierarchy (expected ROOT or MOTION)`, extra.line);
    return this.skeleton;
  }

  private joint(parent: number, depth: number): void {
    const keyword = this.take()!; // ROOT or JOINT, checked by the caller
    // Checked before recursing: a hostile file must not reach the stack's own limit.
    if (depth > BVH_MAX_DEPTH) throw this.error(`joints are nested more than ${BVH_MAX_DEPTH} deep; no skeleton Stagecraft reads is`, keyword.line);
    if (this.skeleton.names.length >= BVH_MAX_JOINTS) throw this.error(`the skeleton has more than ${BVH_MAX_JOINTS} joints; split the rig or leave out joints you do not need`, keyword.line);
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
        this.joint(index, depth + 1);
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
    if (count > BVH_MAX_CHANNELS_PER_JOINT) {
      throw this.error(`CHANNELS ${count}: a joint has at most ${BVH_MAX_CHANNELS_PER_JOINT} channels (${CHANNEL_NAMES.join(', ')})`, keyword.line);
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
