import { riskSentence } from '../../../trainer/protocol';
import { appliedStepOf } from '../../store/selectors';
import { ControlRow } from './ControlRow';
import { Switch } from './Switch';
import { useLiveControls } from './use-live-controls';

/** One lock per layer group the recipe names; the encoder first, as the one people lock most. */
export function LockControls() {
  const { controls, appliedAt, layerGroups, enabled, set } = useLiveControls();
  const groups = [...layerGroups].sort((a, b) => Number(b === 'encoder') - Number(a === 'encoder'));
  return (
    <div className="control-group">
      {groups.map((group) => {
        const locked = controls?.locks[group] ?? false;
        return (
          <ControlRow
            key={group}
            testId={`control-lock-${group}`}
            label={`Lock ${group}`}
            prominent={group === 'encoder'}
            appliedStep={appliedStepOf(appliedAt, `locks.${group}`)}
            hint={`A locked ${group} is out of the trainable set: its weights do not move.`}
            risk={riskSentence(`locks.${group}`)}
          >
            <Switch label={`Lock ${group}`} checked={locked} disabled={!enabled} onToggle={(on) => set({ locks: { [group]: on } })} />
          </ControlRow>
        );
      })}
    </div>
  );
}
