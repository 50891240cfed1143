/**
 * Serve mode: the studio without Electron. Serves the built renderer over http and bridges a
 * token-guarded WebSocket to a trainer child process. Used headless, for remote training,
 * and by the browser e2e tests.
 *
 *   node dist/trainer/serve.js [--host 127.0.0.1] [--port 0] [--data DIR] [--allow-path DIR]... [--allow-remote]
 *                              [--allow-origin http://NAME:PORT]...
 *
 * The trainer confines every path a command names to the data folder, the open project and the
 * --allow-path folders (trainer/paths/path-confinement.ts); they reach it in its environment.
 */
import { createServer } from 'node:http';
import { homedir, networkInterfaces } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ALLOW_PATHS_ENV } from '../paths/path-confinement.js';
import { allowedOrigins, normalizeOrigin, originCheck, type OriginCheck } from './origin-policy.js';
import { bridgeSockets } from './socket-bridge.js';
import { SERVE_LIMITS } from './serve-limits.js';
import { serveLog } from './serve-log.js';
import { staticFiles } from './static-files.js';
import { stopLiveRun } from './stop-live-run.js';
import { newToken } from './token.js';
import { tokenCheckRoute } from './token-check-route.js';
import { DownloadRegistry, downloadRoute } from './download-route.js';
import { tokenGate } from './token-gate.js';
import { startTrainerChild } from './trainer-child.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const { values: args } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    data: { type: 'string', default: process.env.STAGECRAFT_DATA ?? join(homedir(), 'Stagecraft') },
    renderer: { type: 'string' },
    'allow-path': { type: 'string', multiple: true, default: [] },
    'allow-remote': { type: 'boolean', default: false },
    /** Another origin the studio's page may be opened under (a DNS name, a tunnel's local port). */
    'allow-origin': { type: 'string', multiple: true, default: [] },
  },
});

if (!LOOPBACK.has(args.host) && !args['allow-remote']) {
  console.error(`Refusing to listen on ${args.host}: serve mode binds to 127.0.0.1 unless you add --allow-remote (the token is still required).`);
  process.exit(2);
}

for (const origin of args['allow-origin']) {
  if (normalizeOrigin(origin) === null) {
    console.error(`--allow-origin ${origin}: give an origin as a browser writes it, scheme://host:port, e.g. http://gpu-box.lan:7860`);
    process.exit(2);
  }
}

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = resolve(args.renderer ?? join(here, '..', '..', 'dist', 'renderer'));
const token = newToken();
const trainer = startTrainerChild({
  STAGECRAFT_DATA: resolve(args.data),
  [ALLOW_PATHS_ENV]: JSON.stringify(args['allow-path'].map((p) => resolve(p))),
  STAGECRAFT_SHELL: `serve mode (process ${process.pid})`,
});
const gate = tokenGate(token);
// Known once the port is: until then no page of this studio exists, so nothing is allowed.
let checkOrigin: OriginCheck = () => ({ allowed: false, reason: 'serve mode is not listening yet' });
const answerTokenCheck = tokenCheckRoute(gate, (origin) => checkOrigin(origin));
const downloads = new DownloadRegistry();
const answerDownload = downloadRoute(downloads, gate, (origin) => checkOrigin(origin));
const serveFile = staticFiles(rendererDir);
const server = createServer((req, res) => {
  if (answerTokenCheck(req, res)) return;
  if (answerDownload(req, res)) return;
  serveFile(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
const bridge = bridgeSockets(server, trainer, { gate, checkOrigin: (origin) => checkOrigin(origin), downloads });

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(`Serve mode could not listen on ${args.host}:${args.port}: ${error.code ?? error.message}`);
  void trainer.stop().then(() => process.exit(2));
});

server.listen(Number(args.port), args.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : Number(args.port);
  checkOrigin = originCheck(allowedOrigins({ host: args.host, port, extra: args['allow-origin'] }));
  const url = (host: string) => `http://${host.includes(':') ? `[${host}]` : host}:${port}/?token=${token}`;
  // 0.0.0.0 / :: are not addresses a browser can open: name this machine's own ones instead.
  const wildcard = args.host === '0.0.0.0' || args.host === '::';
  console.log(`Stagecraft studio (serve mode), data in ${resolve(args.data)}`);
  for (const path of args['allow-path']) console.log(`Also allowed: ${resolve(path)}`);
  console.log(`Open: ${url(wildcard ? '127.0.0.1' : args.host)}`);
  if (!LOOPBACK.has(args.host)) {
    for (const host of wildcard ? externalAddresses() : [args.host]) console.log(`From another machine: ${url(host)}`);
    console.log('Anyone who has this address (it carries the token) can drive the trainer; share it only over a trusted network or an SSH tunnel.');
  }
  // A machine-readable line for scripts and tests (a local address even when bound to all).
  console.log(`STAGECRAFT_URL=${url(wildcard ? '127.0.0.1' : args.host)}`);
});

function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
    .map((a) => (a as { address: string }).address);
}

/**
 * Stops like the person would before going: windows are told serve is going away, a training
 * run is stopped (snapshot first, run.json says stopped), then the trainer exits. A second
 * signal means "now": the trainer is killed and the run resumes from its last snapshot later.
 */
let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    serveLog(`${signal} again: exiting without waiting for the run to stop`);
    trainer.process.kill('SIGKILL');
    process.exit(1);
  }
  stopping = true;
  serveLog(`${signal}: stopping the live run before exiting`);
  server.close();
  bridge.closeAll('serve mode is shutting down');
  serveLog(`${signal}: ${await stopLiveRun(trainer, SERVE_LIMITS.stopRunOnExitMs)}`);
  await trainer.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
