// Builds everything `npm start`, serve mode, Electron and e2e run from: dist/.
//   dist/renderer/         the React app (Vite), loadable over http (serve mode) and file:// (Electron)
//   dist/trainer/main.js   the trainer process entry (utilityProcess or child_process.fork)
//   dist/trainer/evaluation-worker.js  the trainer's own child: validation and previews off the training path
//   dist/trainer/import-worker.js  the trainer's child for one dataset import, off the training thread
//   dist/trainer/serve.js  serve mode: http + WebSocket bridge to a trainer child
//   dist/electron/         main.js and preload.cjs (sandboxed preloads must be CommonJS)
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });

const node = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: false, logLevel: 'warning' };
await Promise.all([
  esbuild({ ...node, format: 'esm', entryPoints: { main: 'trainer/main.ts', serve: 'trainer/serve/serve-main.ts', 'evaluation-worker': 'trainer/evaluation/evaluation-worker.ts', 'import-worker': 'trainer/project/import-worker.ts' }, outdir: 'dist/trainer' }),
  esbuild({ ...node, format: 'esm', entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.js', external: ['electron'] }),
  esbuild({ ...node, format: 'cjs', entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] }),
  viteBuild({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' }),
]);
console.log('built dist/');
