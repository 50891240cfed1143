/**
 * Serves the built renderer, and nothing else. A request's path is resolved with realpath, so
 * a symlink inside the folder that points out of it is refused like `..` is; only regular
 * files are read (a FIFO would block serve). Everything not served gets the same 404, so the
 * answers do not tell what exists outside; the reason for a refused escape goes to the log.
 */
import { realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { serveLog, type ServeLog } from './serve-log.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
};

export function staticFiles(root: string, log: ServeLog = serveLog) {
  // The folder itself may be reached through a link (a symlinked dist/); what it holds may not leave it.
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = normalize(root);
  }
  const base = realRoot.endsWith(sep) ? realRoot : realRoot + sep;
  const notFound = (res: ServerResponse) => res.writeHead(404).end('Not found');

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    if (pathname.includes('\0')) return void notFound(res);
    const asked = normalize(join(base, pathname === '/' ? 'index.html' : pathname));
    if (!asked.startsWith(base)) return void notFound(res);
    let real: string;
    try {
      real = await realpath(asked);
    } catch {
      return void notFound(res);
    }
    if (!real.startsWith(base)) {
      log(`refused ${JSON.stringify(pathname.slice(0, 200))}: it resolves outside the renderer folder`);
      return void notFound(res);
    }
    try {
      if (!(await stat(real)).isFile()) return void notFound(res);
      const body = await readFile(real);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(real)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    } catch {
      notFound(res);
    }
  };
}
