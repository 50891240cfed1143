import { useEffect, useState } from 'react';
import { activeRunData } from '../../store/selectors';
import { useApp } from '../../store/store-context';
import { controlsRefusal, settledRefusals } from './controls-refusal';

/**
 * The trainer's sentence when it refused a control change ("Batch size 10 does not split into 4
 * equal micro-batches."), next to the controls rather than only in the banner far above them.
 * The next change it applies settles it, here and in the banner.
 */
export function ControlsRefusal() {
  const errors = useApp((s) => s.trainer.errors);
  const newestErrorId = useApp((s) => s.trainer.nextErrorId - 1);
  const appliedAt = useApp((s) => activeRunData(s.trainer).appliedAt);
  const dismissError = useApp((s) => s.dismissError);
  const [settled, setSettled] = useState({ appliedAt, through: 0 });
  // Derived during render (not in an effect): a new applied change settles every refusal before it.
  if (settled.appliedAt !== appliedAt) setSettled({ appliedAt, through: newestErrorId });
  const through = settled.appliedAt === appliedAt ? settled.through : newestErrorId;
  const refusal = controlsRefusal(errors, through);
  // A refusal the person has since put right is not left complaining in the banner either.
  useEffect(() => {
    for (const id of settledRefusals(errors, through)) dismissError(id);
  }, [errors, through, dismissError]);
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
