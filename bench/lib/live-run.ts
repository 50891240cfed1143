/**
 * A real training run in the built trainer process, observed from the client side: every
 * metric point with the wall-clock time it reached the client.
 */
import type { MetricPoint } from '../../trainer/protocol.js';
import { startBuiltTrainer } from './built-trainer.js';

export interface ObservedPoint {
  point: MetricPoint;
  /** Epoch ms when the point's batch arrived at the client (point.time is when it was made). */
  arrivedAt: number;
}

export interface LiveRun {
  points: ObservedPoint[];
  /** Ask the trainer for the run's whole metric history; resolves with points and ms taken. */
  history(): Promise<{ points: number; ms: number }>;
  stop(): Promise<void>;
}

/** Creates the demo project, starts `recipe`/`preset` and trains until `until` says enough. */
export async function liveRun(dataDir: string, recipe: string, until: (points: ObservedPoint[]) => boolean, timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<LiveRun> {
  const trainer = startBuiltTrainer(dataDir, env);
  const { peer } = trainer;
  const points: ObservedPoint[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const original = peer.receive;
  peer.receive = (event) => {
    original(event);
    if (event.type !== 'metrics/batch') return;
    const arrivedAt = Date.now();
    for (const point of event.points) points.push({ point, arrivedAt });
    if (until(points)) done();
  };
  try {
    await peer.next('backend/selected');
    await peer.request({ type: 'project/create', path: 'bench', name: 'Bench', withDemo: true }, 'project/opened');
    const { run } = await peer.request({ type: 'run/create', recipe, preset: 'tiny', seed: 1 }, 'run/created');
    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    const timer = setTimeout(done, timeoutMs);
    await finished;
    clearTimeout(timer);
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');
    return {
      points,
      async history() {
        const start = performance.now();
        const reply = await peer.request({ type: 'metrics/get', runId: run.id, branch: 'main' }, 'metrics/history');
        return { points: reply.points.length, ms: performance.now() - start };
      },
      stop: () => trainer.stop(),
    };
  } catch (error) {
    await trainer.stop();
    throw error;
  }
}
