// `npm start`: the studio on the built-in demo. Electron when its binary is present and there
// is a display; otherwise serve mode in the browser, saying why.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron'); // the npm package exports the binary's path
    return typeof path === 'string' && existsSync(path) ? { path } : { why: `the Electron binary is missing at ${path}` };
  } catch (error) {
    return { why: `the Electron binary was not downloaded (${String(error.message).split('\n')[0]})` };
  }
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = electronBinary();
const env = { ...process.env, STAGECRAFT_OPEN_DEMO: '1' };

let child;
if (electron.path && hasDisplay) {
  child = spawn(electron.path, ['.'], { stdio: 'inherit', env });
} else {
  const why = electron.path ? 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' : electron.why;
  console.log(`Starting in serve mode because ${why}. Open the URL below in a browser.`);
  child = spawn(process.execPath, ['dist/trainer/serve.js', ...process.argv.slice(2)], { stdio: 'inherit', env });
}
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
