import { useApp } from '../../store/store-context';
import { controlsRefusal } from './controls-refusal';

/**
 * The trainer's sentence when it refused a control change ("Batch size 10 does not split into 4
 * equal micro-batches."), next to the controls rather than only in the banner far above them.
 * The next change it applies settles it, here and in the banner.
 */
export function ControlsRefusal() {
  const refusal = useApp((s) => controlsRefusal(s.requests, s.trainer.errors, s.trainer.activeRunId));
  const dismissError = useApp((s) => s.dismissError);
  if (!refusal) return null;
  return (
    <p className="controls-refused" role="alert" data-testid="controls-refused">
      <span>Not applied: {refusal.message}</span>
      <button className="link" onClick={() => dismissError(refusal.id)} aria-label="Dismiss">
        Dismiss
      </button>
    </p>
  );
}
