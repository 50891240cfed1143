import { useApp } from '../store/store-context';

/** A lost socket is retried on its own; say so, so the window never looks silently frozen. */
export function ConnectionNotice() {
  const lost = useApp((s) => s.connection === 'disconnected' && s.trainer.exited === null);
  if (!lost) return null;
  return (
    <div data-testid="connection-notice" className="connection-notice" role="status">
      Lost the connection to the trainer; reconnecting. If this persists, check that the trainer is running and the
      page address has the right <code>?token=</code>.
    </div>
  );
}
