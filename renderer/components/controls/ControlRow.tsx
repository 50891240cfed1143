import type { ReactNode } from 'react';
import { formatStep } from '../format';
import { CameraGlyph } from './CameraGlyph';

export interface ControlRowProps {
  testId: string;
  label: string;
  /** The step this control last took effect at, if this window saw it happen. */
  appliedStep: number | null;
  /** Set on controls whose change takes a snapshot first: the sentence says which change. */
  risk?: string;
  /** What the control does, for its tooltip. */
  hint?: string;
  prominent?: boolean;
  /** A setting of the switch above it (strength, keep p, power): indented under it. */
  sub?: boolean;
  children: ReactNode;
}

/** One control: its label, its input, and when the trainer last applied it. */
export function ControlRow({ testId, label, appliedStep, risk, hint, prominent, sub, children }: ControlRowProps) {
  const title = [hint, risk].filter(Boolean).join(' ');
  return (
    <div
      data-testid={testId}
      data-applied-step={appliedStep ?? undefined}
      data-risky={risk ? 'true' : undefined}
      className={`control-row${prominent ? ' prominent' : ''}${sub ? ' sub' : ''}`}
      title={title || undefined}
    >
      <span className="control-label">
        {label}
        {risk && <CameraGlyph title={risk} />}
      </span>
      <span className="control-input">{children}</span>
      <AppliedAt step={appliedStep} />
    </div>
  );
}

export function AppliedAt({ step }: { step: number | null }) {
  if (step === null) return null;
  return <span className="applied-at num">applied at step {formatStep(step)}</span>;
}
