/**
 * Builds window.stagecraft for the renderer. Sandboxed preloads can only require('electron'),
 * so protocol.ts is imported for its types alone; main validates every command it relays.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StagecraftBridge, TrainerEvent } from '../trainer/protocol';

// Repeated rather than imported from trainer-relay.ts, which would pull main-process code in.
const COMMAND_CHANNEL = 'stagecraft:command';
const EVENT_CHANNEL = 'stagecraft:event';

const bridge: StagecraftBridge = {
  send(command) {
    ipcRenderer.send(COMMAND_CHANNEL, command);
  },
  onEvent(listener) {
    // The IPC event object stays here: it carries ipcRenderer's sender, which the page must not get.
    const handler = (_event: IpcRendererEvent, trainerEvent: TrainerEvent) => listener(trainerEvent);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('stagecraft', bridge);
