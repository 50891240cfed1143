/**
 * Picks the transport once, at start: the Electron preload bridge when it exists, otherwise
 * the serve-mode WebSocket on the same host that served this page, with the page's token.
 */
import type { StagecraftBridge } from '../../trainer/protocol';
import { createBridgeTransport } from './bridge-transport';
import type { RendererTransport } from './renderer-transport';
import { createWebSocketTransport } from './websocket-transport';

declare global {
  interface Window {
    /** Provided by electron/preload.ts; absent in a plain browser (serve mode). */
    stagecraft?: StagecraftBridge;
  }
}

/** The launch token the page was opened with (serve mode); empty in Electron. */
export function pageToken(location: Pick<Location, 'search'> = window.location): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}

/** ws(s)://host/ws?token=…, matching the page's own scheme so https pages use wss. */
export function serveSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = pageToken(location);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}

export function chooseTransport(win: Window = window): RendererTransport {
  if (win.stagecraft) return createBridgeTransport(win.stagecraft);
  if (!new URLSearchParams(win.location.search).has('token')) {
    console.warn('[stagecraft] no ?token= in the page address; the trainer will refuse the connection');
  }
  return createWebSocketTransport({ url: serveSocketUrl(win.location) });
}
