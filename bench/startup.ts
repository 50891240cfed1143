/**
 * Suite: start-up of the real, built trainer process, from spawn to ready to step: backend
 * selected, the project open and a run created (audio-to-motion, tiny). Measured against a
 * project that already exists (every start after the first); the first start, which also
 * writes the demo dataset, is reported beside it. Median of 5 spawns.
 */
import { benchBackend } from './lib/backend.js';
import { benchDataDir, startBuiltTrainer } from './lib/built-trainer.js';
import { median } from './lib/timing.js';
import type { BenchResult } from './report.js';

const TARGET_SECONDS = 3;

export async function startup(): Promise<BenchResult> {
  const backend = await benchBackend();
  const { dir, remove } = benchDataDir();
  try {
    const first = await startOnce(dir, 'create');
    const times: { backend: number; ready: number }[] = [];
    for (let i = 0; i < 5; i++) times.push(await startOnce(dir, 'open'));
    const ready = median(times.map((t) => t.ready));
    return {
      name: 'start-up (built trainer process: spawn → backend → project open → run created)',
      backend,
      rows: [
        { metric: 'spawn → backend selected s', value: median(times.map((t) => t.backend)) },
        { metric: 'spawn → ready to step s', value: ready, target: `≤ ${TARGET_SECONDS}`, met: ready <= TARGET_SECONDS },
        { metric: 'first start (writes the demo project) → ready s', value: first.ready },
      ],
    };
  } finally {
    remove();
  }
}

async function startOnce(dataDir: string, project: 'create' | 'open'): Promise<{ backend: number; ready: number }> {
  const trainer = startBuiltTrainer(dataDir);
  try {
    const { peer } = trainer;
    await peer.next('backend/selected');
    const backendAt = performance.now();
    if (project === 'create') await peer.request({ type: 'project/create', path: 'bench', name: 'Bench', withDemo: true }, 'project/opened');
    else await peer.request({ type: 'project/open', path: 'bench' }, 'project/opened');
    await peer.request({ type: 'run/create', recipe: 'audio-to-motion', preset: 'tiny', seed: 1 }, 'run/created');
    const readyAt = performance.now();
    return { backend: (backendAt - trainer.spawnedAt) / 1000, ready: (readyAt - trainer.spawnedAt) / 1000 };
  } finally {
    await trainer.stop();
  }
}
