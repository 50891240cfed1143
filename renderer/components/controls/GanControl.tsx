import { controlDefaults, controlLimits, riskSentence } from '../../../trainer/protocol';
import { appliedStepOf } from '../../store/selectors';
import { ControlRow } from './ControlRow';
import { DraftField } from './DraftField';
import { parseNumber } from './number-draft';
import { Slider } from './Slider';
import { sliderRange } from './slider-range';
import { Switch } from './Switch';
import { useLiveControls } from './use-live-controls';

/** GAN: a discriminator trained in its own step; power weights the generator's adversarial term. */
export function GanControl() {
  const { controls, appliedAt, enabled, set } = useLiveControls();
  const gan = controls?.gan ?? controlDefaults.gan;
  return (
    <div className="control-group">
      <ControlRow
        testId="control-gan"
        label="GAN"
        appliedStep={appliedStepOf(appliedAt, 'gan.enabled')}
        hint="Trains a discriminator after each generator step."
        risk={riskSentence('gan.enabled')}
      >
        <Switch label="GAN" checked={gan.enabled} disabled={!enabled} onToggle={(on) => set({ gan: { enabled: on } })} />
      </ControlRow>
      <ControlRow sub testId="control-gan-power" label="power" appliedStep={appliedStepOf(appliedAt, 'gan.power')} hint="Weight of the generator's adversarial term.">
        <Slider
          label="GAN power"
          value={gan.power}
          {...sliderRange(controlLimits.gan.power)}
          disabled={!enabled}
          format={(v) => v.toFixed(2)}
          onCommit={(power) => set({ gan: { power } })}
        />
      </ControlRow>
      <ControlRow sub testId="control-gan-ramp" label="ramp steps" appliedStep={appliedStepOf(appliedAt, 'gan.rampSteps')} hint="Steps over which power ramps up from 0 after GAN is switched on (0 = at once). Enter applies.">
        <DraftField label="GAN ramp steps" value={gan.rampSteps} format={String} parse={(t) => parseNumber(t, controlLimits.gan.rampSteps)} disabled={!enabled} onCommit={(rampSteps) => set({ gan: { rampSteps } })} />
      </ControlRow>
    </div>
  );
}
