/** Puts the built-in demo speaker into a new project, so the studio trains out of the box. */
import { writeDemoDataset } from '../data/demo-dataset.js';
import type { ProjectStore } from '../project/project-store.js';

export const DEMO_DATASET = 'demo';

/** Where `npm start` opens (or first creates) the demo project, under the data root. */
export const DEMO_PROJECT_PATH = 'demo-speaker';

/** The run a first start offers: the showcase recipe, small enough for a laptop, its own plan. */
export const DEMO_RUN = { name: 'demo: audio to motion', recipe: 'audio-to-motion', preset: 'tiny', dataset: DEMO_DATASET, seed: 1 } as const;

export function writeDemoProjectData(project: ProjectStore): void {
  writeDemoDataset(project.datasetPath(DEMO_DATASET), {});
}
