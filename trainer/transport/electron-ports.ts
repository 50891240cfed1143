/**
 * The trainer inside an Electron utilityProcess, with two peers: the main process on
 * parentPort (supervision: open the project, stop, resume) and the window on a MessagePort that
 * main hands over, so metrics go straight to the window and never pass through main.
 *
 * Every event goes to the window. Main also gets the answers to its own requests and the few
 * low-rate events it supervises with (which project, which run, its last snapshot). Commands that
 * name paths are refused on the window port: they come through main, which checks the sender.
 *
 * A folder or file the person picked in a native dialog reaches the trainer as a grant on
 * parentPort (PATH_GRANT), before the command that names it; the trainer's confinement rule
 * (paths/path-confinement.ts) then allows it. Only main can grant: the window port cannot.
 */
import { HOST_EVENT_TYPES, PATH_COMMAND_TYPES, PATH_GRANT, WINDOW_PORT_HANDOVER, type TrainerEvent } from '../protocol.js';
import type { Transport } from './transport.js';

/** Events held until the window's port arrives (or comes back after a reload); the page resyncs with state/get anyway. */
const MAX_HELD = 500;
/** Request ids main asked with; answers can be several events, so ids are kept (bounded), not consumed. */
const MAX_HOST_REQUESTS = 1000;

export interface MessagePortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export interface ParentPortWithPorts {
  on(event: 'message', listener: (e: { data: unknown; ports?: MessagePortLike[] }) => void): void;
  postMessage(message: unknown): void;
}

export function electronPortsTransport(parent: ParentPortWithPorts, grant: (path: string) => void = () => {}): Transport {
  const listeners = new Set<(message: unknown) => void>();
  const hostRequests = new Set<string>();
  let windowPort: MessagePortLike | null = null;
  let held: TrainerEvent[] = [];

  const deliver = (message: unknown): void => listeners.forEach((listener) => listener(message));

  const attachWindow = (port: MessagePortLike): void => {
    windowPort?.close();
    windowPort = port;
    port.on('message', (e) => {
      const type = typeOf(e.data);
      if (isPathCommand(type)) {
        port.postMessage(pathCommandRefused(type, requestIdOf(e.data)));
        return;
      }
      deliver(e.data);
    });
    port.on('close', () => {
      if (windowPort === port) windowPort = null;
    });
    port.start();
    const pending = held;
    held = [];
    pending.forEach((event) => port.postMessage(event));
  };

  parent.on('message', (e) => {
    const port = e.ports?.[0];
    if (typeOf(e.data) === WINDOW_PORT_HANDOVER && port) return attachWindow(port);
    if (typeOf(e.data) === PATH_GRANT) {
      const path = (e.data as { path?: unknown }).path;
      if (typeof path === 'string' && path.length <= 4096) grant(path);
      return;
    }
    const requestId = requestIdOf(e.data);
    if (requestId !== undefined) {
      hostRequests.add(requestId);
      if (hostRequests.size > MAX_HOST_REQUESTS) hostRequests.delete(hostRequests.values().next().value as string);
    }
    deliver(e.data);
  });

  return {
    send(event) {
      const requestId = 'requestId' in event ? event.requestId : undefined;
      if (HOST_EVENT_TYPES.includes(event.type) || (requestId !== undefined && hostRequests.has(requestId))) parent.postMessage(event);
      if (windowPort) windowPort.postMessage(event);
      else if (held.length < MAX_HELD) held.push(event);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    // Main owns this process and kills it when it goes; there is no close to report.
    onClose: () => () => {},
  };
}

function typeOf(message: unknown): string | undefined {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

function requestIdOf(message: unknown): string | undefined {
  const id = (message as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'string' && id.length <= 100 ? id : undefined;
}

type PathCommandType = (typeof PATH_COMMAND_TYPES)[number];

function isPathCommand(type: string | undefined): type is PathCommandType {
  return type !== undefined && (PATH_COMMAND_TYPES as readonly string[]).includes(type);
}

function pathCommandRefused(type: PathCommandType, requestId: string | undefined): TrainerEvent {
  return {
    type: 'error',
    ...(requestId === undefined ? {} : { requestId }),
    code: 'malformed-command',
    commandType: type,
    message: `'${type}' names a file or folder, so it must come through Stagecraft's main process, which checks the path; nothing was changed.`,
  };
}
