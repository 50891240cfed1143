/**
 * Test helper: the trainer's process entries (trainer, serve mode, evaluation worker) bundled
 * from source the way `npm run build` bundles dist/trainer/, for tests that start the real
 * trainer many times or run serve mode as shipped. Through tsx
 * a start costs 1.5-2 s of compiling; the bundle starts in about half a second, and unlike
 * dist/ it is never stale: it is built from the source under test, whether or not dist/ exists
 * (`npm test` runs the unit tests before it builds).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The trainer's process entries, as scripts/build.mjs names them in dist/trainer/: the trainer
 * finds the processes it forks itself next to its own file (keep this in step with build.mjs).
 */
const ENTRIES: Record<string, string> = {
  main: 'trainer/main.ts',
  serve: 'trainer/serve/serve-main.ts',
  'evaluation-worker': 'trainer/evaluation/evaluation-worker.ts',
};

export interface BundledTrainer {
  /** The bundled trainer entry; fork it with `forkTrainer`. */
  entry: string;
  /** The bundled serve mode entry (serve.js), which forks `entry`. */
  serveEntry: string;
  /** Removes the bundle. */
  remove(): void;
}

export async function bundleTrainer(): Promise<BundledTrainer> {
  // Inside the repo, so the bundle's bare imports (TF.js, zod, ws) resolve from node_modules.
  const cache = join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, 'stagecraft-test-trainer-'));
  const entryPoints = Object.fromEntries(Object.entries(ENTRIES).map(([name, source]) => [name, join(repoRoot, source)]));
  await build({
    // The same options as scripts/build.mjs uses for dist/trainer/main.js.
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    format: 'esm',
    entryPoints,
    outdir,
    logLevel: 'warning',
  });
  return { entry: join(outdir, 'main.js'), serveEntry: join(outdir, 'serve.js'), remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** Starts the bundled trainer as a child process talking over Node IPC, as serve mode does. */
export function forkTrainer(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  return fork(entry, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
