import { connectionAdvice } from '../store/connection-truth';
import { useApp } from '../store/store-context';

/**
 * Why the window is not live and what to do: a lost server is retried on its own, a refused
 * token is not (the page says which address to open instead). Never silently frozen.
 */
export function ConnectionNotice() {
  const connection = useApp((s) => s.connection);
  const advice = connectionAdvice(connection);
  if (advice === null) return null;
  return (
    <div data-testid="connection-notice" data-connection={connection} className={`connection-notice connection-notice-${connection}`} role="status">
      {advice}
    </div>
  );
}
