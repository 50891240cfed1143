/**
 * The recording "Export BVH" generates motion for when the person names none: the first
 * validation clip that has a WAV beside it (else the first training clip that has one), paired
 * by the same rule previews use, so an exported snapshot answers to audio the person knows.
 */
import { loadMotionDataset } from '../data/motion-dataset.js';
import { wavBesideClip } from '../previews/preview-clip.js';

export function defaultExportAudio(datasetDir: string): string {
  const dataset = loadMotionDataset(datasetDir);
  for (const clip of [...dataset.validation, ...dataset.train]) {
    const wav = wavBesideClip(datasetDir, clip.file);
    if (wav !== null) return wav;
  }
  throw new Error(`The dataset in '${datasetDir}' has no recording (a WAV beside a BVH) to generate motion for; choose a WAV file instead.`);
}
