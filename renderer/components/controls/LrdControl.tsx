import { controlDefaults, controlLimits } from '../../../trainer/protocol';
import { appliedStepOf } from '../../store/selectors';
import { ControlRow } from './ControlRow';
import { DraftField } from './DraftField';
import { parseNumber } from './number-draft';
import { Slider } from './Slider';
import { sliderRange } from './slider-range';
import { Switch } from './Switch';
import { useLiveControls } from './use-live-controls';

/** Learning-rate dropout: each step keeps a random fraction of each weight's update. */
export function LrdControl() {
  const { controls, appliedAt, enabled, set } = useLiveControls();
  const lrd = controls?.lrd ?? controlDefaults.lrd;
  return (
    <div className="control-group">
      <ControlRow
        testId="control-lrd"
        label="LR dropout"
        appliedStep={appliedStepOf(appliedAt, 'lrd.enabled')}
        hint="Each step, a fresh random mask keeps only some of each weight's update."
      >
        <Switch label="LR dropout" checked={lrd.enabled} disabled={!enabled} onToggle={(on) => set({ lrd: { enabled: on } })} />
      </ControlRow>
      <ControlRow sub testId="control-lrd-keep" label="keep p" appliedStep={appliedStepOf(appliedAt, 'lrd.keep')} hint="Probability an update is kept.">
        <Slider
          label="LR dropout keep probability"
          value={lrd.keep}
          {...sliderRange(controlLimits.lrd.keep)}
          disabled={!enabled}
          format={(v) => v.toFixed(2)}
          onCommit={(keep) => set({ lrd: { keep } })}
        />
      </ControlRow>
      <ControlRow sub testId="control-lrd-cosine" label="cosine" appliedStep={appliedStepOf(appliedAt, 'lrd.cosine')} hint="Cosine modulation of the learning rate while LRD is on.">
        <input
          type="checkbox"
          aria-label="LR dropout cosine modulation"
          checked={lrd.cosine}
          disabled={!enabled}
          // Controlled by what the trainer applied: the box only changes when controls/applied says so.
          onChange={(e) => set({ lrd: { cosine: e.target.checked } })}
        />
      </ControlRow>
      <ControlRow sub testId="control-lrd-cosine-period" label="cosine period" appliedStep={appliedStepOf(appliedAt, 'lrd.cosinePeriod')} hint="Steps per cosine cycle. Enter applies.">
        <DraftField
          label="LR dropout cosine period"
          value={lrd.cosinePeriod}
          format={String}
          parse={(t) => parseNumber(t, controlLimits.lrd.cosinePeriod)}
          disabled={!enabled}
          onCommit={(cosinePeriod) => set({ lrd: { cosinePeriod } })}
        />
      </ControlRow>
    </div>
  );
}
