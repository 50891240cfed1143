/**
 * The recording "Export BVH" generates motion for when the person names none: the first
 * validation clip that has a WAV beside it (else the first training clip that has one), paired
 * by the same rule previews use, so an exported snapshot answers to audio the person knows.
 */
import { planClips } from '../data/motion-dataset.js';
import { wavBesideClip } from '../previews/preview-clip.js';

export function defaultExportAudio(datasetDir: string): string {
  // The clip list only: parsing every BVH would stall a live run's training for the click.
  const { clips } = planClips(datasetDir);
  for (const clip of [...clips.filter((c) => c.split === 'validation'), ...clips.filter((c) => c.split === 'train')]) {
    const wav = wavBesideClip(datasetDir, clip.file);
    if (wav !== null) return wav;
  }
  throw new Error(`The dataset in '${datasetDir}' has no recording (a WAV beside a BVH) to generate motion for; choose a WAV file instead.`);
}
