import { controlDefaults, controlLimits } from '../../../trainer/protocol';
import { appliedStepOf } from '../../store/selectors';
import { ControlRow } from './ControlRow';
import { DraftField } from './DraftField';
import { formatStepList, parseNumber, parseStepList } from './number-draft';
import { Slider } from './Slider';
import { sliderRange } from './slider-range';
import { useLiveControls } from './use-live-controls';

const plain = (v: number) => String(v);

/** AdamW's weight decay, gradient clipping, and the learning-rate schedule (warm-up, then steps down at milestones). */
export function OptimizerControls() {
  const { controls, appliedAt, enabled, set } = useLiveControls();
  const optimizer = controls?.optimizer ?? controlDefaults.optimizer;
  const limits = controlLimits.optimizer;
  return (
    <div className="control-group">
      <ControlRow testId="control-weight-decay" label="Weight decay" appliedStep={appliedStepOf(appliedAt, 'optimizer.weightDecay')} hint="AdamW's decoupled weight decay, applied to matrices (not biases). Enter applies.">
        <DraftField label="Weight decay" value={optimizer.weightDecay} format={plain} parse={(t) => parseNumber(t, limits.weightDecay)} disabled={!enabled} onCommit={(weightDecay) => set({ optimizer: { weightDecay } })} />
      </ControlRow>
      <ControlRow testId="control-clip-norm" label="Gradient clip" appliedStep={appliedStepOf(appliedAt, 'optimizer.clipNorm')} hint="Global gradient-norm clip; 0 turns clipping off. Enter applies.">
        <DraftField label="Gradient clip norm" value={optimizer.clipNorm} format={plain} parse={(t) => parseNumber(t, limits.clipNorm)} disabled={!enabled} onCommit={(clipNorm) => set({ optimizer: { clipNorm } })} />
      </ControlRow>
      <ControlRow testId="control-warmup" label="Warm-up steps" appliedStep={appliedStepOf(appliedAt, 'optimizer.warmupSteps')} hint="The learning rate rises linearly from 0 over this many steps. Enter applies.">
        <DraftField label="Warm-up steps" value={optimizer.warmupSteps} format={plain} parse={(t) => parseNumber(t, limits.warmupSteps)} disabled={!enabled} onCommit={(warmupSteps) => set({ optimizer: { warmupSteps } })} />
      </ControlRow>
      <ControlRow testId="control-milestones" label="LR milestones" appliedStep={appliedStepOf(appliedAt, 'optimizer.milestones')} hint="At each of these steps the learning rate is multiplied by gamma (MultiStepLR). Steps separated by commas; empty for none. Enter applies.">
        <DraftField kind="text" label="Learning-rate milestones" placeholder="none" value={optimizer.milestones} format={formatStepList} parse={parseStepList} disabled={!enabled} onCommit={(milestones) => set({ optimizer: { milestones: [...milestones] } })} />
      </ControlRow>
      <ControlRow sub testId="control-gamma" label="gamma" appliedStep={appliedStepOf(appliedAt, 'optimizer.gamma')} hint="What the learning rate is multiplied by at each milestone.">
        <Slider label="Milestone gamma" value={optimizer.gamma} {...sliderRange(limits.gamma)} disabled={!enabled} format={(v) => v.toFixed(2)} onCommit={(gamma) => set({ optimizer: { gamma } })} />
      </ControlRow>
    </div>
  );
}
