/**
 * Which pages may open the socket. A browser sends `Origin` with every WebSocket upgrade and a
 * page cannot forge or leave it out, so checking it stops any other web page open in the
 * person's browser from talking to (or guessing tokens at) their trainer. The studio's own page
 * is served by serve mode itself, so its origin is serve's own address: http://HOST:PORT for the
 * host it listens on, the loopback names when it listens on loopback or on all addresses, this
 * machine's own addresses and name when it listens on all, and whatever `--allow-origin` adds
 * (a DNS name, an SSH tunnel on another local port, an https proxy in front).
 *
 * A missing Origin is allowed, on purpose: only non-browser clients leave it out (scripts, the
 * tests, `ws` in Node), and they hold the token; a browser page cannot send an upgrade without
 * one. Electron's "Connect to Remote Trainer" window is a browser page loaded from serve mode
 * itself, so it sends serve's own origin. `Origin: null` (sandboxed frames, file:// pages) is
 * a browser page of unknown origin, and is refused.
 */
import { hostname, networkInterfaces } from 'node:os';

export type OriginVerdict = { allowed: true } | { allowed: false; reason: string };

export type OriginCheck = (origin: string | undefined) => OriginVerdict;

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export interface OriginPolicyOptions {
  /** The host serve listens on, as given to --host. */
  host: string;
  port: number;
  /** Origins added with --allow-origin, e.g. http://gpu-box.lan:7860. */
  extra?: readonly string[];
  /** This machine's addresses and name, for a server listening on all of them (injected in tests). */
  machine?: { addresses: string[]; name: string };
}

/** Lower-cased scheme://host[:port] as a browser writes it, or null for anything else. */
export function normalizeOrigin(value: string): string | null {
  if (value.length > 300) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

export function allowedOrigins({ host, port, extra = [], machine = thisMachine() }: OriginPolicyOptions): Set<string> {
  const wildcard = host === '0.0.0.0' || host === '::';
  const loopback = wildcard || LOOPBACK_NAMES.includes(host) || host === '::1' || host.startsWith('127.');
  const hosts = new Set<string>();
  if (!wildcard) hosts.add(host);
  if (loopback) LOOPBACK_NAMES.forEach((h) => hosts.add(h));
  if (wildcard) [...machine.addresses, machine.name].forEach((h) => hosts.add(h));
  const origins = new Set<string>();
  for (const h of hosts) {
    const origin = normalizeOrigin(`http://${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`);
    if (origin) origins.add(origin);
  }
  for (const e of extra) {
    const origin = normalizeOrigin(e);
    if (!origin) throw new Error(`--allow-origin ${e}: give an origin as a browser writes it, e.g. http://gpu-box.lan:7860`);
    origins.add(origin);
  }
  return origins;
}

export function originCheck(allowed: ReadonlySet<string>): OriginCheck {
  return (origin) => {
    if (origin === undefined) return { allowed: true };
    const normal = normalizeOrigin(origin);
    if (normal && allowed.has(normal)) return { allowed: true };
    const shown = JSON.stringify(origin.slice(0, 100));
    return {
      allowed: false,
      reason: `Origin ${shown} is not this studio's page (${[...allowed].slice(0, 3).join(', ')}…); opened under another name, add --allow-origin with that page's origin`,
    };
  };
}

function thisMachine(): { addresses: string[]; name: string } {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined)
    .map((a) => (a as { address: string }).address);
  return { addresses, name: hostname().toLowerCase() };
}
