import { controlDefaults, Precision, riskSentence } from '../../../trainer/protocol';
import { appliedStepOf } from '../../store/selectors';
import { CameraGlyph } from './CameraGlyph';
import { AppliedAt } from './ControlRow';
import { useLiveControls } from './use-live-controls';

const EMULATED =
  'TF.js computes in float32 only: BF16 and FP16 are emulated by rounding weights and activations, so there is no speed-up. FP16 adds dynamic loss scaling and skips overflowing steps.';

/** FP32 / BF16 / FP16, honest that the narrow formats are emulated numerics, not faster ones. */
export function PrecisionControl() {
  const { controls, appliedAt, enabled, set } = useLiveControls();
  const current = controls?.precision ?? controlDefaults.precision;
  return (
    <div data-testid="control-precision" data-applied-step={appliedStepOf(appliedAt, 'precision') ?? undefined} className="control-row control-stack">
      <span className="control-label">
        Precision{' '}
        <span className="emulated" title={EMULATED}>
          (emulated)
        </span>
      </span>
      <span className="segmented" role="group" aria-label="Precision">
        {Precision.options.map((format) => {
          // The contract says which formats snapshot first.
          const risk = riskSentence('precision', format);
          return (
            <button
              key={format}
              type="button"
              data-testid={`control-precision-${format}`}
              data-risky={risk ? 'true' : undefined}
              title={risk ? `${risk} ${EMULATED}` : EMULATED}
              aria-pressed={current === format}
              className={current === format ? 'selected' : ''}
              disabled={!enabled}
              onClick={() => current !== format && set({ precision: format })}
            >
              {format.toUpperCase()}
              {risk && <CameraGlyph title={risk} />}
            </button>
          );
        })}
      </span>
      <AppliedAt step={appliedStepOf(appliedAt, 'precision')} />
    </div>
  );
}
