import { visibleError } from '../store/selectors';
import { useApp } from '../store/store-context';

/** Problems as sentences: a dead trainer (until one says hello again) and the newest undismissed error. */
export function ErrorBanner() {
  const exited = useApp((s) => s.trainer.exited);
  const error = useApp((s) => visibleError(s.trainer));
  const dismissError = useApp((s) => s.dismissError);
  if (!exited && !error) return null;
  return (
    <div data-testid="error-banner" className="error-banner" role="alert">
      {exited && (
        <p>
          <strong>Trainer stopped.</strong> {exited.message} Training controls are disabled until it is restarted.
        </p>
      )}
      {error && (
        <p>
          <span>{error.message}</span>
          <button className="link" onClick={() => dismissError(error.id)} aria-label="Dismiss error">
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
