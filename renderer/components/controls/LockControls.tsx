import { useState } from 'react';
import { REINIT_RISK, riskSentence, ungrownGroups } from '../../../trainer/protocol';
import { activeRun, appliedStepOf } from '../../store/selectors';
import { useApp } from '../../store/store-context';
import { CameraGlyph } from './CameraGlyph';
import { ControlRow } from './ControlRow';
import { Switch } from './Switch';
import { useLiveControls } from './use-live-controls';

/**
 * One lock per layer group the recipe names, the encoder first, as the one people lock most;
 * beside each, "Re-init…" starts that group afresh (asked once more first: its training is set
 * aside, though the snapshot before it keeps it).
 */
export function LockControls() {
  const { controls, appliedAt, layerGroups, enabled, set } = useLiveControls();
  const runId = useApp((s) => s.trainer.activeRunId);
  const reinitLayers = useApp((s) => s.reinitLayers);
  const reinitPending = useApp((s) => s.requests.some((r) => r.type === 'layers/reinit' && r.runId === runId && r.status === 'pending'));
  const [asking, setAsking] = useState<string | null>(null);
  const growthLevels = useApp((s) => activeRun(s.trainer)?.growthLevels);
  // A growth level's groups join the panel when the run grows to it (engine/growth.ts).
  const ungrown = new Set(controls ? ungrownGroups(growthLevels, controls) : []);
  const groups = layerGroups.filter((g) => !ungrown.has(g)).sort((a, b) => Number(b === 'encoder') - Number(a === 'encoder'));
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
            <span className="lock-input">
              <Switch label={`Lock ${group}`} checked={locked} disabled={!enabled} onToggle={(on) => set({ locks: { [group]: on } })} />
              {asking === group && enabled && runId !== null ? (
                <span className="reinit-ask" data-testid={`reinit-ask-${group}`}>
                  Re-init {group}?
                  <button
                    className="link"
                    data-testid={`reinit-confirm-${group}`}
                    onClick={() => {
                      reinitLayers(runId, group);
                      setAsking(null);
                    }}
                  >
                    Yes
                  </button>
                  <button className="link" onClick={() => setAsking(null)}>
                    No
                  </button>
                </span>
              ) : (
                <button className="link reinit" data-testid={`reinit-${group}`} disabled={!enabled || reinitPending} title={REINIT_RISK.sentence(group)} onClick={() => setAsking(group)}>
                  Re-init…
                  <CameraGlyph title={REINIT_RISK.sentence(group)} />
                </button>
              )}
            </span>
          </ControlRow>
        );
      })}
    </div>
  );
}
