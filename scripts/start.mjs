// `npm start`: the studio on the built-in demo. Electron when its binary is present (or can be
// fetched now) and there is a display; otherwise serve mode in the browser, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ELECTRON_DIR, installedElectron } from './electron-binary.mjs';

/** npm 11 skips Electron's install script, so the binary may simply not be fetched yet. */
function fetchElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { why: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary was not downloaded' };
  console.log('Fetching the Electron binary (first start)...');
  const result = spawnSync(process.execPath, [join(ELECTRON_DIR, 'install.js')], { encoding: 'utf8' });
  const binary = result.status === 0 ? installedElectron() : null;
  if (binary) return { binary };
  const reason = `${result.stderr ?? ''}${result.stdout ?? ''}`.split('\n').find((line) => /error|failed/i.test(line)) ?? 'unknown error';
  return { why: `the Electron binary could not be downloaded (${reason.trim()})` };
}

function chooseShell() {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) return { why: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  const binary = installedElectron();
  return binary ? { binary } : fetchElectron();
}

const env = { ...process.env, STAGECRAFT_OPEN_DEMO: '1' };
const shell = chooseShell();
let child;
if (shell.binary) {
  child = spawn(shell.binary, ['.'], { stdio: 'inherit', env });
} else {
  console.log(`Starting in serve mode because ${shell.why}. Open the URL below in a browser.`);
  child = spawn(process.execPath, ['dist/trainer/serve.js', ...process.argv.slice(2)], { stdio: 'inherit', env });
}
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
