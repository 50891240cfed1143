/**
 * Electron: the preload's window.stagecraft already validates and carries messages; the
 * channel lives as long as the window, so it is always 'connected'. A dead trainer shows up
 * as a trainer/exited event from main, not as a disconnection.
 */
import type { StagecraftBridge } from '../../trainer/protocol';
import { handshake } from './handshake';
import type { RendererTransport } from './renderer-transport';

export function createBridgeTransport(bridge: StagecraftBridge): RendererTransport {
  return {
    send: (command) => bridge.send(command),
    onEvent: (listener) => bridge.onEvent(listener),
    onStatus: (listener) => {
      listener('connected');
      return () => {};
    },
    open: () => handshake().forEach((command) => bridge.send(command)),
    close: () => {},
  };
}
