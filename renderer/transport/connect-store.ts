import type { AppStore } from '../store/app-store';
import type { RendererTransport } from './renderer-transport';

/** Feeds a transport's events and status into the store, then opens it; returns the disconnect. */
export function connectStore(store: AppStore, transport: RendererTransport): () => void {
  const offEvent = transport.onEvent((event) => {
    // A trainer restarted behind the same channel (Electron) greets without our asking; the
    // window's picture is from the dead one, so ask the new one for everything.
    const restarted = event.type === 'hello' && store.getState().trainer.exited !== null;
    store.getState().applyEvent(event);
    if (restarted) store.getState().resync();
  });
  const offStatus = transport.onStatus((status) => store.getState().setConnection(status));
  transport.open();
  return () => {
    // Close first so the store hears the final 'disconnected' before it stops listening.
    transport.close();
    offEvent();
    offStatus();
  };
}
