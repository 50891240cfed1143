import { controlDefaults, controlLimits } from '../../../trainer/protocol';
import { appliedStepOf } from '../../store/selectors';
import { ControlRow } from './ControlRow';
import { DraftField } from './DraftField';
import { parseNumber } from './number-draft';
import { Switch } from './Switch';
import { useLiveControls } from './use-live-controls';

const whole = (v: number) => String(v);

/**
 * Batch size, gradient accumulation and recompute: how much of the batch is in memory at once.
 * The batch must split into equal micro-batches; the trainer refuses one that does not, and
 * ControlsRefusal shows its sentence.
 */
export function BatchControls() {
  const { controls, appliedAt, enabled, set } = useLiveControls();
  const batchSize = controls?.batchSize ?? controlLimits.batchSize.min;
  const accumulation = controls?.accumulation ?? controlDefaults.accumulation;
  const micro = accumulation > 1 && batchSize % accumulation === 0 ? ` (${accumulation} × ${batchSize / accumulation})` : '';
  return (
    <div className="control-group">
      <ControlRow
        testId="control-batch-size"
        label={`Batch size${micro}`}
        appliedStep={appliedStepOf(appliedAt, 'batchSize')}
        hint="Samples per optimizer step, split across the accumulation micro-batches. Enter applies."
      >
        <DraftField label="Batch size" value={batchSize} format={whole} parse={(t) => parseNumber(t, controlLimits.batchSize)} disabled={!enabled} onCommit={(v) => set({ batchSize: v })} />
      </ControlRow>
      <ControlRow
        sub
        testId="control-accumulation"
        label="accumulation"
        appliedStep={appliedStepOf(appliedAt, 'accumulation')}
        hint="Micro-batches whose gradients are summed into one update: less memory, the same step. The batch size must divide by it."
      >
        <DraftField label="Gradient accumulation" value={accumulation} format={whole} parse={(t) => parseNumber(t, controlLimits.accumulation)} disabled={!enabled} onCommit={(v) => set({ accumulation: v })} />
      </ControlRow>
      <ControlRow
        testId="control-recompute"
        label="Recompute activations"
        appliedStep={appliedStepOf(appliedAt, 'recompute')}
        hint="Activation checkpointing: each block's forward runs again in the backward pass instead of keeping its activations. Less memory, more time."
      >
        <Switch label="Recompute activations" checked={controls?.recompute ?? controlDefaults.recompute} disabled={!enabled} onToggle={(on) => set({ recompute: on })} />
      </ControlRow>
    </div>
  );
}
