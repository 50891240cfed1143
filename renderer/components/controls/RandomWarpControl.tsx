import { controlDefaults, controlLimits, riskSentence } from '../../../trainer/protocol';
import { appliedStepOf } from '../../store/selectors';
import { ControlRow } from './ControlRow';
import { Slider } from './Slider';
import { sliderRange } from './slider-range';
import { Switch } from './Switch';
import { useLiveControls } from './use-live-controls';

/** Random warp: distorts the model input only, so the model learns to undo it. */
export function RandomWarpControl() {
  const { controls, appliedAt, enabled, set } = useLiveControls();
  const warp = controls?.randomWarp ?? controlDefaults.randomWarp;
  return (
    <div className="control-group">
      <ControlRow
        testId="control-random-warp"
        label="Random warp"
        appliedStep={appliedStepOf(appliedAt, 'randomWarp.enabled')}
        hint="Warps the model input only; the target stays clean."
        risk={riskSentence('randomWarp.enabled')}
      >
        <Switch label="Random warp" checked={warp.enabled} disabled={!enabled} onToggle={(on) => set({ randomWarp: { enabled: on } })} />
      </ControlRow>
      <ControlRow sub testId="control-random-warp-strength" label="strength" appliedStep={appliedStepOf(appliedAt, 'randomWarp.strength')}>
        <Slider
          label="Random warp strength"
          value={warp.strength}
          {...sliderRange(controlLimits.randomWarp.strength)}
          disabled={!enabled}
          format={(v) => v.toFixed(1)}
          onCommit={(strength) => set({ randomWarp: { strength } })}
        />
      </ControlRow>
    </div>
  );
}
