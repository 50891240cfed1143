/** Test helper: starts serve mode from source on a free port and reads back its URL. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServeHandle {
  pageUrl: string;
  socketUrl: string;
  pid: number;
  stop(): Promise<void>;
}

const SERVE_ENTRY = fileURLToPath(new URL('../serve/serve-main.ts', import.meta.url));

export function startServe(dataDir: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServeHandle> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE_ENTRY, '--port', '0', '--data', dataDir, ...extraArgs], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
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
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready: ${output.trim()}`)));
  });
}
