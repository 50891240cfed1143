/** The trainer behind Node IPC, as a child of child_process.fork (serve mode, tests, CLI). */
import type { TrainerEvent } from '../protocol.js';
import type { Transport } from './transport.js';

export function nodeIpcTransport(proc: NodeJS.Process = process): Transport {
  if (!proc.send) throw new Error('This process has no IPC channel; start it with child_process.fork.');
  return {
    send(event: TrainerEvent) {
      if (proc.connected) proc.send?.(event);
    },
    onMessage(listener) {
      const handler = (message: unknown) => listener(message);
      proc.on('message', handler);
      return () => proc.off('message', handler);
    },
    onClose(listener) {
      proc.on('disconnect', listener);
      return () => proc.off('disconnect', listener);
    },
  };
}
