import { visibleError } from '../store/selectors';
import { useApp } from '../store/store-context';
import { errorAdvice } from './error-advice';

/** Problems as sentences with what to do: a dead trainer (until one says hello again) and the newest undismissed error. */
export function ErrorBanner() {
  const exited = useApp((s) => s.trainer.exited);
  const error = useApp((s) => visibleError(s.trainer));
  const waiting = useApp((s) => s.trainer.errors.filter((e) => !e.dismissed).length);
  const dismissError = useApp((s) => s.dismissError);
  if (!exited && !error) return null;
  const advice = error ? errorAdvice(error.code, error.message) : null;
  return (
    <div data-testid="error-banner" className="error-banner" role="alert">
      {exited && (
        <p>
          <strong>Trainer stopped.</strong> {exited.message} Training controls are disabled until it is restarted.
        </p>
      )}
      {error && (
        <p>
          <span data-testid="error-message">{error.message}</span>
          {advice && <span className="muted">{advice}</span>}
          {waiting > 1 && <span className="muted">({waiting - 1} earlier)</span>}
          <button className="link" onClick={() => dismissError(error.id)} aria-label="Dismiss error">
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
