/**
 * Downloads in serve mode: the trainer answers download/prepare with where the file is on its
 * machine; the bridge registers that path here under a random id and sends the windows an
 * address instead (the browser never learns a server path). GET /download/<id>?token=… streams
 * the file as an attachment, through the same token gate as the socket, to a page of this
 * studio only. An id lives ten minutes; a file that is gone or no longer a regular file by then
 * is a 404, never a path outside what the trainer named.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DownloadReady } from '../protocol.js';
import type { OriginCheck } from './origin-policy.js';
import { requestUrl } from './token-check-route.js';
import { refusalHeaders, type TokenGate } from './token-gate.js';

export const DOWNLOAD_PATH = '/download/';
/** How long an address stays good after the trainer prepared it. */
const DOWNLOAD_TTL_MS = 10 * 60_000;

export class DownloadRegistry {
  private readonly files = new Map<string, { path: string; name: string; expires: number }>();

  /** The event the windows get: the path swapped for an address (relative to the page, without the token). */
  register(event: DownloadReady, now = Date.now()): DownloadReady {
    const { path, ...rest } = event;
    if (!path) return event;
    for (const [id, file] of this.files) if (file.expires <= now) this.files.delete(id);
    const id = randomBytes(16).toString('hex');
    this.files.set(id, { path, name: event.name, expires: now + DOWNLOAD_TTL_MS });
    return { ...rest, url: `${DOWNLOAD_PATH}${id}` };
  }

  take(id: string, now = Date.now()): { path: string; name: string } | null {
    const file = this.files.get(id);
    return file && file.expires > now ? file : null;
  }
}

/** A request handler that answers GET /download/<id> and returns true, or returns false for any other path. */
export function downloadRoute(registry: DownloadRegistry, gate: TokenGate, checkOrigin: OriginCheck): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = requestUrl(req);
    if (!url?.pathname.startsWith(DOWNLOAD_PATH)) return false;
    const refuse = (status: number, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', 'Content-Length': '0', ...headers }).end();
      return true;
    };
    // A download link is followed from the studio's own page (same origin, or no Origin at all).
    const origin = req.headers.origin ?? (req.headers.host ? `http://${req.headers.host}` : undefined);
    if (!checkOrigin(origin).allowed) return refuse(403);
    const verdict = gate(req.socket.remoteAddress ?? 'unknown', url.searchParams.get('token'));
    if (!verdict.allowed) return refuse(verdict.status, refusalHeaders(verdict));
    const file = registry.take(url.pathname.slice(DOWNLOAD_PATH.length));
    const bytes = file ? regularFileSize(file.path) : null;
    if (!file || bytes === null) return refuse(404);
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(bytes),
      'Content-Disposition': contentDisposition(file.name),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(file.path).on('error', () => res.destroy()).pipe(res);
    return true;
  };
}

/** The size of a regular file at `path`; null when it is gone or is no longer a regular file. */
function regularFileSize(path: string): number | null {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

/** attachment; filename="…" (ASCII, quotes and backslashes dropped) plus filename*= for the name as it is (RFC 6266). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
