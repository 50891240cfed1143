/**
 * Builds window.stagecraft for the renderer. The trainer's port stays here, in the isolated
 * world: the page only gets functions, never the port or ipcRenderer. Commands go straight to
 * the trainer over that port, except the ones that name paths, which go through main (the
 * trainer refuses those on the port, and confines their paths).
 *
 * Sandboxed preloads can only require('electron'): protocol.ts (which needs zod) is imported for
 * its types alone, and the list of path commands comes from channels.ts.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CommandInput, ShellIntent, StagecraftBridge, TrainerEvent } from '../trainer/protocol';
import { COMMAND_CHANNEL, EVENT_CHANNEL, INTENT_CHANNEL, PATH_COMMANDS, PORT_CHANNEL, SHELL_CHANNEL } from './channels';

/** Commands sent before the first port arrives (the handshake, at page start) wait here. */
const MAX_WAITING = 100;

const listeners = new Set<(event: TrainerEvent) => void>();
const emit = (event: TrainerEvent): void => listeners.forEach((listener) => listener(event));
/** The DOM MessagePort Electron hands the preload (named through its event type: no DOM lib here). */
type WindowPort = IpcRendererEvent['ports'][number];
let port: WindowPort | null = null;
const waiting: CommandInput[] = [];

// Main sends a new port at start and after every trainer restart; the old one is dead then.
ipcRenderer.on(PORT_CHANNEL, (e: IpcRendererEvent) => {
  const next = e.ports[0];
  if (!next) return;
  port?.close();
  port = next;
  next.onmessage = (message: { data: unknown }) => emit(message.data as TrainerEvent);
  next.start();
  waiting.splice(0).forEach((command) => next.postMessage(command));
});
// The IPC event object stays here: it carries ipcRenderer's sender, which the page must not get.
ipcRenderer.on(EVENT_CHANNEL, (_e: IpcRendererEvent, event: TrainerEvent) => emit(event));
ipcRenderer.send(PORT_CHANNEL);

const intentListeners = new Set<(intent: ShellIntent) => void>();
ipcRenderer.on(INTENT_CHANNEL, (_e: IpcRendererEvent, intent: ShellIntent) => intentListeners.forEach((listener) => listener(intent)));

const bridge: StagecraftBridge = {
  send(command) {
    if ((PATH_COMMANDS as readonly string[]).includes(command.type)) ipcRenderer.send(COMMAND_CHANNEL, command);
    else if (port) port.postMessage(command);
    else if (waiting.length < MAX_WAITING) waiting.push(command);
  },
  onEvent(listener) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  shell: {
    request(request) {
      ipcRenderer.send(SHELL_CHANNEL, request);
    },
    onIntent(listener) {
      intentListeners.add(listener);
      return () => void intentListeners.delete(listener);
    },
  },
};

contextBridge.exposeInMainWorld('stagecraft', bridge);
