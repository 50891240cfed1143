// `npm run package:check`: proves the packaging config without the Electron binary or network.
// Builds `--linux dir` with electron-builder against a stand-in Electron (a folder holding a
// placeholder `electron` executable), then checks the produced app: the trainer entry (unpacked
// from asar), the electron main + preload, the renderer bundle, the TF.js wasm binaries
// (unpacked), the runtime packages the trainer imports, and no test files or source maps.
// Exits 1 naming every problem found. Run `npm run build` first (the npm script does).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar');

const WASM_FILES = readdirSync('node_modules/@tensorflow/tfjs-backend-wasm/dist').filter((f) => f.endsWith('.wasm'));
const FORBIDDEN = [
  { pattern: /\.map$/, what: 'source map' },
  { pattern: /\.(test|spec)\.[cm]?[jt]sx?$/, what: 'test file' },
  { pattern: /(^|\/)(__tests__|tests?)\//, what: 'test folder' },
  { pattern: /(^|\/)(e2e|bench|renderer\/components|trainer\/engine)\//, what: 'repository source' },
];

if (!existsSync('dist/trainer/main.js') || !existsSync('dist/renderer/index.html')) {
  console.error('package:check: dist/ is missing or incomplete; run `npm run build` first.');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'stagecraft-package-check-'));
const keep = process.argv.includes('--keep');
try {
  // The stand-in: electron-builder copies this folder as the Electron runtime and renames
  // `electron` to the app's executable name. It never runs it.
  const standIn = join(work, 'electron-dist');
  mkdirSync(standIn);
  writeFileSync(join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary (package:check)" >&2\nexit 1\n');
  chmodSync(join(standIn, 'electron'), 0o755);
  writeFileSync(join(standIn, 'version'), '');
  const out = join(work, 'release');

  const cli = join('node_modules', 'electron-builder', 'cli.js');
  const result = spawnSync(
    process.execPath,
    [cli, '--linux', 'dir', '--publish', 'never', `-c.electronDist=${standIn}`, `-c.directories.output=${out}`],
    { encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    console.error(`package:check: electron-builder failed (exit ${result.status}).`);
    process.exit(1);
  }

  const problems = checkApp(join(out, 'linux-unpacked'));
  if (problems.length > 0) {
    console.error(`package:check: the packaged app is not right:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`package:check: ok (linux dir build: trainer, electron main + preload, renderer bundle, ${WASM_FILES.length} wasm files; no tests or source maps)`);
} finally {
  if (keep) console.log(`package:check: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

function checkApp(appDir) {
  const problems = [];
  const resources = join(appDir, 'resources');
  const archive = join(resources, 'app.asar');
  const unpacked = join(resources, 'app.asar.unpacked');
  if (!existsSync(join(appDir, 'stagecraft'))) problems.push('no `stagecraft` executable (the renamed Electron) in the app folder');
  if (!existsSync(archive)) return [...problems, `no ${relative(appDir, archive)}`];

  const packed = asar.listPackage(archive, { isPack: false }).map((p) => p.split(sep).join('/').replace(/^\//, ''));
  const packedSet = new Set(packed);
  const onDisk = existsSync(unpacked) ? walk(unpacked).map((p) => relative(unpacked, p).split(sep).join('/')) : [];
  const onDiskSet = new Set(onDisk);

  const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
  if (!packedSet.has(pkg.main)) problems.push(`package.json main (${pkg.main}) is not in app.asar`);
  for (const file of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
    if (!packedSet.has(file)) problems.push(`${file} is not in app.asar`);
  }
  if (!packed.some((p) => /^dist\/renderer\/assets\/.+\.js$/.test(p))) problems.push('the renderer bundle (dist/renderer/assets/*.js) is not in app.asar');
  for (const file of ['dist/trainer/main.js', 'dist/trainer/serve.js', 'dist/trainer/evaluation-worker.js', 'dist/trainer/import-worker.js']) {
    if (!onDiskSet.has(file)) problems.push(`${file} is not unpacked from app.asar (the trainer entry must be on disk)`);
  }
  for (const wasm of WASM_FILES) {
    const file = `node_modules/@tensorflow/tfjs-backend-wasm/dist/${wasm}`;
    if (!onDiskSet.has(file)) problems.push(`${file} is not unpacked from app.asar`);
  }
  // What the bundled trainer and main import at run time must be packed beside them.
  for (const dep of ['zod', 'ws', 'fft.js', '@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-cpu']) {
    if (!packedSet.has(`node_modules/${dep}/package.json`)) problems.push(`runtime package ${dep} is not in app.asar`);
  }
  // Development-only packages must not ship.
  for (const dep of ['electron', 'electron-builder', 'vitest', 'react', 'typescript']) {
    if (packedSet.has(`node_modules/${dep}/package.json`)) problems.push(`development package ${dep} was packed`);
  }
  for (const file of [...packed, ...onDisk]) {
    const bad = FORBIDDEN.find((f) => f.pattern.test(file));
    if (bad) problems.push(`${bad.what} shipped: ${file}`);
  }
  return [...new Set(problems)].slice(0, 50);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
