import { appliedStepOf } from '../../store/selectors';
import { ControlRow } from './ControlRow';
import { Slider } from './Slider';
import { Switch } from './Switch';
import { useLiveControls } from './use-live-controls';

/** Random warp: distorts the model input only, so the model learns to undo it. */
export function RandomWarpControl() {
  const { controls, appliedAt, enabled, set } = useLiveControls();
  const warp = controls?.randomWarp ?? { enabled: false, strength: 1 };
  return (
    <div className="control-group">
      <ControlRow
        testId="control-random-warp"
        label="Random warp"
        appliedStep={appliedStepOf(appliedAt, 'randomWarp.enabled')}
        hint="Warps the model input only; the target stays clean."
        risk="Turning random warp off takes a snapshot first."
      >
        <Switch label="Random warp" checked={warp.enabled} disabled={!enabled} onToggle={(on) => set({ randomWarp: { enabled: on } })} />
      </ControlRow>
      <ControlRow sub testId="control-random-warp-strength" label="strength" appliedStep={appliedStepOf(appliedAt, 'randomWarp.strength')}>
        <Slider
          label="Random warp strength"
          value={warp.strength}
          min={0}
          max={2}
          step={0.1}
          disabled={!enabled}
          format={(v) => v.toFixed(1)}
          onCommit={(strength) => set({ randomWarp: { strength } })}
        />
      </ControlRow>
    </div>
  );
}
