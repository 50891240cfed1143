/**
 * Test helper: the trainer entry (trainer/main.ts) bundled from source the way `npm run build`
 * bundles dist/trainer/main.js, for tests that start the real trainer many times. Through tsx
 * a start costs 1.5-2 s of compiling; the bundle starts in about half a second, and unlike
 * dist/ it is never stale: it is built from the source under test, whether or not dist/ exists
 * (`npm test` runs the unit tests before it builds).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
  'evaluation-worker': 'trainer/evaluation/evaluation-worker.ts',
};

export interface BundledTrainer {
  /** The bundled entry; fork it with `forkTrainer`. */
  entry: string;
  /** Removes the bundle. */
  remove(): void;
}

export async function bundleTrainer(): Promise<BundledTrainer> {
  // Inside the repo, so the bundle's bare imports (TF.js, zod, ws) resolve from node_modules.
  const cache = join(repoRoot, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, 'stagecraft-test-trainer-'));
  const entryPoints = Object.fromEntries(
    Object.entries(ENTRIES)
      .map(([name, source]) => [name, join(repoRoot, source)] as const)
      // A checkout from before a worker existed has no source for it, and no trainer forking it.
      .filter(([, source]) => existsSync(source)),
  );
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
  return { entry: join(outdir, 'main.js'), remove: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** Starts the bundled trainer as a child process talking over Node IPC, as serve mode does. */
export function forkTrainer(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  return fork(entry, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
