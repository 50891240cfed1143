/**
 * Test helper: starts serve mode on a free port and reads back its URL. From source (tsx) by
 * default; `built: true` runs dist/trainer/serve.js exactly as `npm run serve` does, and
 * `entry` runs another bundle of it (bundled-trainer.ts: built from the source under test).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServeHandle {
  pageUrl: string;
  socketUrl: string;
  pid: number;
  /** Everything serve has printed so far (stdout and stderr, in arrival order). */
  output(): string;
  /** Resolves with the first match of `pattern` in serve's output, already printed or yet to come. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Whether serve is still running. */
  alive(): boolean;
  /** SIGTERM, then resolves once serve has exited. */
  stop(): Promise<void>;
  /**
   * Sends `signal` and resolves with the exit code once serve has exited. `group` signals serve's
   * whole process group, as Ctrl-C in a terminal does (needs `detached`).
   */
  signal(signal: NodeJS.Signals, options?: { group?: boolean }): Promise<number | null>;
  /** Kills serve mode outright (SIGKILL), as a crash or a closed terminal would: no goodbye to its sockets. */
  kill(): Promise<void>;
}

const SOURCE_ENTRY = ['--import', 'tsx', fileURLToPath(new URL('../serve/serve-main.ts', import.meta.url))];
const BUILT_ENTRY = [fileURLToPath(new URL('../../dist/trainer/serve.js', import.meta.url))];

export interface ServeOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  built?: boolean;
  /** A serve.js to run instead (a bundle of the source under test). */
  entry?: string;
  /** Starts serve as the leader of its own process group, so a test can signal the group. */
  detached?: boolean;
}

export function startServe(dataDir: string, { args = [], env = {}, built = false, entry, detached = false }: ServeOptions = {}): Promise<ServeHandle> {
  const command = entry ? [entry] : built ? BUILT_ENTRY : SOURCE_ENTRY;
  const child = spawn(process.execPath, [...command, '--port', '0', '--data', dataDir, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  const end = (signal: NodeJS.Signals, group = false) => {
    if (running()) {
      if (group) process.kill(-(child.pid as number), signal);
      else child.kill(signal);
    }
    return exited;
  };
  let output = '';
  const watchers = new Set<(gone?: boolean) => void>();
  void exited.then(() => [...watchers].forEach((watch) => watch(true)));
  const waitForOutput = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const look = () => {
        const match = pattern.exec(output);
        if (!match) return false;
        clearTimeout(timer);
        watchers.delete(watch);
        resolve(match);
        return true;
      };
      const fail = (why: string) => {
        clearTimeout(timer);
        watchers.delete(watch);
        reject(new Error(`serve never printed ${pattern}: ${why}; it printed:\n${output.slice(-4000)}`));
      };
      // Called on new output, and with `gone` once serve has exited (nothing more will come).
      const watch = (gone?: boolean) => void (look() || (gone && fail('it exited')));
      const timer = setTimeout(() => fail(`not within ${timeoutMs} ms`), timeoutMs);
      if (!running()) return void (look() || fail('it had exited'));
      if (!look()) watchers.add(watch);
    });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const watch of [...watchers]) watch();
      const match = /STAGECRAFT_URL=(\S+)/.exec(output);
      if (!match) return;
      const pageUrl = match[1] as string;
      const url = new URL(pageUrl);
      resolve({
        pageUrl,
        socketUrl: `ws://${url.host}/ws?token=${url.searchParams.get('token')}`,
        pid: child.pid as number,
        output: () => output,
        waitForOutput,
        alive: running,
        stop: () => end('SIGTERM').then(() => undefined),
        signal: (signal, options) => end(signal, options?.group),
        kill: () => end('SIGKILL').then(() => undefined),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready: ${output.trim()}`)));
  });
}
