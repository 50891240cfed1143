/**
 * A recipe's MotionPreview as the sample history keeps it and preview/ready carries it: each
 * clip of the grid trimmed to MAX_PREVIEW_SECONDS, named by the dataset (preview-clip.ts), its
 * motion as base64 float32, its numbers against its own ground truth (preview-scores.ts), and
 * what every preview of the clip shares (ground truth, audio) written once per run to the
 * clip's file. Every clip carries its audio here; what an event sends is preview-sound.ts's.
 */
import { PREVIEW_GRID_CLIPS, type PreviewAudio, type PreviewClip, type PreviewSample } from '../protocol.js';
import type { ClipMotion, MotionPreview } from '../recipes/recipe.js';
import { previewAudio, previewClipsOf, type PreviewClipRef } from './preview-clip.js';
import { clipScores } from './preview-scores.js';
import type { PreviewClipFile, PreviewStore } from './preview-store.js';
import { float32ToBase64 } from './sample-codec.js';

/** At most this long per clip: the lead's preview/ready answer (with its PCM) stays near half a megabyte. */
export const MAX_PREVIEW_SECONDS = 10;

type Shared = Omit<PreviewClipFile, 'format' | 'version'>;

export interface PreviewSamplerSource {
  datasetDir: string;
  /** The recipe's loaded dataset: names the clips the model previews. */
  data: unknown;
  store: PreviewStore;
  /** A clip whose audio could not be read plays without sound; the person is told once. */
  warn(message: string): void;
}

export class PreviewSampler {
  /** Per clip of the grid (by place and length): worked out once per run, written once to disk. */
  private readonly shared = new Map<string, Shared>();

  constructor(private readonly source: PreviewSamplerSource) {}

  async sampleOf(preview: MotionPreview, step: number, branch: string): Promise<Omit<PreviewSample, 'id'>> {
    const motions: ClipMotion[] = [preview, ...(preview.more ?? [])].slice(0, PREVIEW_GRID_CLIPS);
    const refs = previewClipsOf(this.source.data, motions.map((m) => m.frames));
    const clips: PreviewClip[] = [];
    for (const [place, motion] of motions.entries()) clips.push(await this.clipOf(preview, motion, place, refs[place] ?? null));
    const [lead, ...more] = clips as [PreviewClip, ...PreviewClip[]];
    return {
      step,
      branch,
      createdAt: new Date().toISOString(),
      clip: lead.clip,
      fps: preview.fps,
      frames: lead.frames,
      parents: [...preview.parents],
      generated: lead.generated,
      truth: lead.truth,
      audio: lead.audio,
      scores: lead.scores,
      more,
    };
  }

  private async clipOf(preview: MotionPreview, motion: ClipMotion, place: number, ref: PreviewClipRef | null): Promise<PreviewClip> {
    const frames = Math.min(motion.frames, Math.floor(MAX_PREVIEW_SECONDS * preview.fps));
    const joints = preview.parents.length;
    const values = frames * joints * 3;
    const generated = motion.generated.subarray(0, values);
    const truth = motion.truth.subarray(0, values);
    const shared = await this.sharedFor(preview, truth, frames, place, ref);
    // Measured on exactly what the tile shows: the trimmed clip.
    const scores = clipScores(generated, truth, joints, preview.fps, preview.meanPose);
    return { clip: shared.clip, frames, generated: float32ToBase64(generated), truth: shared.truth, scores, audio: shared.audio };
  }

  private async sharedFor(preview: MotionPreview, truth: Float32Array, frames: number, place: number, ref: PreviewClipRef | null): Promise<Shared> {
    const key = `${place}|${frames}`;
    const known = this.shared.get(key);
    if (known) return known;
    let audio: PreviewAudio | null = null;
    if (ref) {
      try {
        audio = await previewAudio(this.source.datasetDir, ref, frames, preview.fps);
      } catch (error) {
        this.source.warn(`The preview of ${ref.name} plays without sound: ${(error as Error).message}`);
      }
    }
    const name = ref?.name ?? (place === 0 ? 'validation' : `validation-${place + 1}`);
    const shared: Shared = { clip: name, fps: preview.fps, frames, parents: [...preview.parents], truth: float32ToBase64(truth), audio };
    const { store } = this.source;
    if (!store.hasClip(shared.clip, frames)) store.writeClip(shared);
    this.shared.set(key, shared);
    return shared;
  }
}
