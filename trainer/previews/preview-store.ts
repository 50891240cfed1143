/**
 * A run's sample history on disk, under `<run>/previews/`:
 *   <id>.json        one kept preview: its step, branch, and per clip of its grid the
 *                    generated motion and its numbers
 *   clip-<name>.json what every preview of that clip shares (skeleton, ground truth, audio),
 *                    written once instead of 200 times
 *   settings.json    steps between automatic previews
 * Each file is written whole (tmp → fsync → rename); the history is append-only apart from
 * thinning, which keeps each branch's previews bounded on their own (history-thinning.ts), and
 * a restore that discards a branch's later steps, which discards their previews too.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { PreviewAudio, PreviewClip, PreviewHistoryEntry, PreviewSample, PreviewScores } from '../protocol.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { previewsToThinPerBranch } from './history-thinning.js';

export const PREVIEWS_DIR = 'previews';
/** Automatic previews cost about one generator pass (~0.5 s for the tiny audio model): 1–2 % of training time at this spacing. */
export const DEFAULT_PREVIEW_EVERY = 50;
const MAIN = 'main';
const ID_FILE = /^(\d{8})(?:-([a-z0-9-]{1,40}))?\.json$/;

export interface PreviewClipFile {
  format: 'stagecraft-preview-clip';
  version: 1;
  clip: string;
  fps: number;
  frames: number;
  parents: number[];
  truth: string;
  audio: PreviewAudio | null;
}

/** A clip's part of a kept preview: what changes from step to step. */
interface ClipPart {
  clip: string;
  frames: number;
  generated: string;
  /** Absent in version 1 files (kept before previews were measured). */
  scores?: PreviewScores | null;
}

/**
 * Version 1: one clip. Version 2 adds its numbers and the grid's further clips (`more`); a
 * version 1 file reads as a one-clip preview without numbers.
 */
interface PreviewFile extends ClipPart {
  format: 'stagecraft-preview';
  version: 1 | 2;
  id: string;
  step: number;
  branch: string;
  createdAt: string;
  more?: ClipPart[];
}

/** A missing or unreadable preview file, named. */
export class PreviewFileError extends Error {
  constructor(
    readonly code: 'no-run' | 'io',
    message: string,
  ) {
    super(message);
  }
}

export function previewIdOf(step: number, branch: string): string {
  const digits = String(step).padStart(8, '0');
  return branch === MAIN ? digits : `${digits}-${branch}`;
}

export class PreviewStore {
  constructor(readonly dir: string) {}

  static ofRun(runDir: string): PreviewStore {
    return new PreviewStore(join(runDir, PREVIEWS_DIR));
  }

  /** Every kept preview, oldest step first. */
  list(): PreviewHistoryEntry[] {
    if (!existsSync(this.dir)) return [];
    const entries: PreviewHistoryEntry[] = [];
    for (const name of readdirSync(this.dir)) {
      const match = ID_FILE.exec(name);
      if (!match) continue;
      const createdAt = statSync(join(this.dir, name)).mtime.toISOString();
      entries.push({ id: name.slice(0, -'.json'.length), step: Number(match[1]), branch: match[2] ?? MAIN, createdAt });
    }
    return entries.sort((a, b) => a.step - b.step || (a.branch < b.branch ? -1 : a.branch > b.branch ? 1 : 0));
  }

  hasClip(clip: string, frames: number): boolean {
    const path = this.clipPath(clip);
    if (!existsSync(path)) return false;
    try {
      return (JSON.parse(readFileSync(path, 'utf8')) as PreviewClipFile).frames === frames;
    } catch {
      return false;
    }
  }

  writeClip(clip: Omit<PreviewClipFile, 'format' | 'version'>): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.clipPath(clip.clip), JSON.stringify({ format: 'stagecraft-preview-clip', version: 1, ...clip } satisfies PreviewClipFile));
  }

  /** Keeps a preview of the live model; returns the ids thinning removed to make room. */
  keep(sample: PreviewSample & { id: string }): string[] {
    mkdirSync(this.dir, { recursive: true });
    // Previews are re-creatable: the file itself is synced, the folder need not be each time.
    writeFileAtomic(join(this.dir, `${sample.id}.json`), previewFileText(sample), { syncFolder: false });
    const dropped = previewsToThinPerBranch(this.list());
    for (const id of dropped) unlinkSync(join(this.dir, `${id}.json`));
    return dropped;
  }

  /**
   * A restore that continues `branch` from `step` and forgets what came after: that branch's
   * later previews show motion of weights that no longer exist, so they go too. Returns their ids.
   */
  discardAfter(branch: string, step: number): string[] {
    const later = this.list().filter((e) => e.branch === branch && e.step > step);
    for (const { id } of later) unlinkSync(join(this.dir, `${id}.json`));
    return later.map((e) => e.id);
  }

  /** A kept preview with what its clip file shares, as the preview/ready event carries it. */
  read(id: string): PreviewSample {
    const path = join(this.dir, `${id}.json`);
    if (!existsSync(path)) throw new PreviewFileError('no-run', `There is no preview ${id} in '${this.dir}' (it was never taken, or thinned out of a long history).`);
    return this.withClip(this.readJson<PreviewFile>(path, 'stagecraft-preview'));
  }

  /**
   * A preview file's text read elsewhere (a snapshot's preview.json, checked against its
   * manifest) with what this run's clip file shares. Throws a PreviewFileError when the clip
   * file is missing or too short for it (the caller can generate the preview instead).
   */
  readText(text: string, path: string): PreviewSample {
    return this.withClip(parseFormat<PreviewFile>(text, path, 'stagecraft-preview'));
  }

  private withClip(file: PreviewFile): PreviewSample {
    const lead = this.clipFor(file);
    const sample: PreviewSample = {
      id: file.id,
      step: file.step,
      branch: file.branch,
      createdAt: file.createdAt,
      clip: file.clip,
      fps: lead.fps,
      frames: file.frames,
      parents: lead.parents,
      generated: file.generated,
      truth: lead.truth,
      audio: lead.audio,
    };
    if (file.scores !== undefined) sample.scores = file.scores;
    if (file.more) sample.more = file.more.map((part) => this.clipOf(part));
    return sample;
  }

  private clipOf(part: ClipPart): PreviewClip {
    const shared = this.clipFor(part);
    return { clip: part.clip, frames: part.frames, generated: part.generated, truth: shared.truth, scores: part.scores ?? null, audio: shared.audio };
  }

  /** The clip file a preview's clip part refers to, long enough for it. */
  private clipFor(part: ClipPart): PreviewClipFile {
    const path = this.clipPath(part.clip);
    const clip = this.readJson<PreviewClipFile>(path, 'stagecraft-preview-clip');
    if (clip.frames < part.frames) throw new PreviewFileError('io', `Preview clip file '${path}' has ${clip.frames} frames; the preview has ${part.frames}.`);
    return clip;
  }

  /** Steps between automatic previews, as saved (the default when never set). A live run holds its own copy (RunPreviews). */
  everySteps(): number {
    const path = join(this.dir, 'settings.json');
    return existsSync(path) ? this.readJson<{ everySteps: number }>(path, 'stagecraft-preview-settings').everySteps : DEFAULT_PREVIEW_EVERY;
  }

  setEverySteps(everySteps: number): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(join(this.dir, 'settings.json'), JSON.stringify({ format: 'stagecraft-preview-settings', version: 1, everySteps }));
  }

  private clipPath(clip: string): string {
    return join(this.dir, `clip-${clip.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }

  private readJson<T>(path: string, format: string): T {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new PreviewFileError('io', `Preview file '${path}' cannot be read: ${(error as Error).message}.`);
    }
    return parseFormat<T>(text, path, format);
  }
}

/** A preview as its file holds it: the sample history's format, which a snapshot's preview.json shares. */
export function previewFileText(sample: Omit<PreviewSample, 'id'> & { id: string }): string {
  const file: PreviewFile = {
    format: 'stagecraft-preview',
    version: 2,
    id: sample.id,
    step: sample.step,
    branch: sample.branch,
    createdAt: sample.createdAt,
    clip: sample.clip,
    frames: sample.frames,
    generated: sample.generated,
    ...(sample.scores !== undefined ? { scores: sample.scores } : {}),
    ...(sample.more ? { more: sample.more.map(({ clip, frames, generated, scores }) => ({ clip, frames, generated, scores })) } : {}),
  };
  return JSON.stringify(file);
}

function parseFormat<T>(text: string, path: string, format: string): T {
  let parsed: { format?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not the parser's message: it would quote the file.
    throw new PreviewFileError('io', `Preview file '${path}' cannot be read: it is not JSON.`);
  }
  if (parsed?.format !== format) throw new PreviewFileError('io', `Preview file '${path}' is not a ${format} file.`);
  return parsed as T;
}
