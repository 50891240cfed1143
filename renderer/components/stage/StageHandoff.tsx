import { activeRun } from '../../store/selectors';
import { isLive } from '../../../trainer/protocol';
import { useApp, useCanCommand } from '../../store/store-context';
import { formatStep } from '../format';
import { Switch } from '../controls/Switch';
import { UnlockOldLevels } from './GrowthControl';
import '../../styles/stage-handoff.css';

/**
 * A stage reached its end and the run waits for the person (it keeps training in the stage
 * meanwhile): what ended it, what the next stage will change against the controls in force now
 * (hand-made changes it would undo called out), and which snapshot comes first. Everything in
 * it is the trainer's; the window only lays it out.
 */
export function StageHandoff() {
  const run = useApp((s) => activeRun(s.trainer));
  const canCommand = useCanCommand();
  const nextStage = useApp((s) => s.nextStage);
  const keepStage = useApp((s) => s.keepStage);
  const setAutopilot = useApp((s) => s.setAutopilot);
  const handoff = run?.handoff;
  if (!run || !handoff) return null;
  const live = isLive(run);
  const ended = run.plan.stages[handoff.index];
  const planned = handoff.changes.filter((c) => !c.manual);
  const undone = handoff.changes.filter((c) => c.manual);
  return (
    <section className="stage-handoff" role="alertdialog" aria-labelledby="handoff-title" data-testid="stage-handoff" data-next={handoff.next.index}>
      <h2 id="handoff-title">
        Stage {handoff.index + 1} “{ended?.name ?? ''}” is done: {handoff.reason}
        <span className="num muted"> · step {formatStep(handoff.step)}</span>
      </h2>
      <dl className="handoff-facts">
        <dt>Next</dt>
        <dd data-testid="handoff-next">
          stage {handoff.next.index + 1} “{handoff.next.name}”
        </dd>
        <dt>will change</dt>
        <dd data-testid="handoff-changes">{planned.length > 0 ? planned.map((c) => c.label).join(', ') : 'nothing else'}</dd>
        {undone.length > 0 && (
          <>
            <dt>you changed by hand</dt>
            <dd data-testid="handoff-undoes" className="handoff-undoes">
              the next stage sets {undone.map((c) => c.label).join(', ')}, over what you set
            </dd>
          </>
        )}
        <dt>takes a snapshot first</dt>
        <dd data-testid="handoff-snapshot">{handoff.snapshot}</dd>
      </dl>
      <p className="hint">The run keeps training in this stage until you decide.</p>
      <div className="button-row">
        <button data-testid="handoff-go" className="primary" disabled={!canCommand || !live} onClick={() => nextStage(run.id)}>
          Go to next stage
        </button>
        <button data-testid="handoff-keep" disabled={!canCommand || !live} onClick={() => keepStage(run.id)} title="Stay in this stage; you are asked again when its end is met anew.">
          Keep training
        </button>
        <UnlockOldLevels run={run} />
        <label className="handoff-autopilot">
          <Switch checked={run.autopilot ?? false} label="Autopilot" disabled={!canCommand} onToggle={(on) => setAutopilot(run.id, on)} />
          autopilot
        </label>
      </div>
    </section>
  );
}
