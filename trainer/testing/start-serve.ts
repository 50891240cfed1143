/**
 * Test helper: starts serve mode on a free port and reads back its URL. From source (tsx) by
 * default; `built: true` runs dist/trainer/serve.js exactly as `npm run serve` does.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServeHandle {
  pageUrl: string;
  socketUrl: string;
  pid: number;
  stop(): Promise<void>;
  /** Kills serve mode outright (SIGKILL), as a crash or a closed terminal would: no goodbye to its sockets. */
  kill(): Promise<void>;
}

const SOURCE_ENTRY = ['--import', 'tsx', fileURLToPath(new URL('../serve/serve-main.ts', import.meta.url))];
const BUILT_ENTRY = [fileURLToPath(new URL('../../dist/trainer/serve.js', import.meta.url))];

export interface ServeOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  built?: boolean;
}

export function startServe(dataDir: string, { args = [], env = {}, built = false }: ServeOptions = {}): Promise<ServeHandle> {
  const entry = built ? BUILT_ENTRY : SOURCE_ENTRY;
  const child = spawn(process.execPath, [...entry, '--port', '0', '--data', dataDir, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill(signal);
    });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /STAGECRAFT_URL=(\S+)/.exec(output);
      if (!match) return;
      const pageUrl = match[1] as string;
      const url = new URL(pageUrl);
      resolve({
        pageUrl,
        socketUrl: `ws://${url.host}/ws?token=${url.searchParams.get('token')}`,
        pid: child.pid as number,
        stop: () => end('SIGTERM'),
        kill: () => end('SIGKILL'),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready: ${output.trim()}`)));
  });
}
