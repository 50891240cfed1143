/** Puts the built-in demo speaker into a new project, so the studio trains out of the box. */
import { writeDemoDataset } from '../data/demo-dataset.js';
import type { ProjectStore } from '../project/project-store.js';

export const DEMO_DATASET = 'demo';

/** Where `npm start` opens (or first creates) the demo project, under the data root. */
export const DEMO_PROJECT_PATH = 'demo-speaker';

export function writeDemoProjectData(project: ProjectStore): void {
  writeDemoDataset(project.datasetPath(DEMO_DATASET), {});
}
