import { useCallback, useState } from 'react';
import { activeRun, activeRunData, currentStep, stageProgress } from '../../store/selectors';
import { useApp, useCanCommand } from '../../store/store-context';
import { actionWords, conditionWords, guardSettingsOf, isLive, type Rule } from '../../../trainer/protocol';
import { Switch } from '../controls/Switch';
import { GrowthControl } from './GrowthControl';
import { PlanEditor } from './PlanEditor';
import { describeEnd, describeProgress } from './stage-words';

/** The run's plan, where it is in it, what ends this stage, the rules that hold in it, and a way to move on by hand. */
export function StagePanel() {
  const run = useApp((s) => activeRun(s.trainer));
  const metrics = useApp((s) => activeRunData(s.trainer).metrics);
  const nextStage = useApp((s) => s.nextStage);
  const setAutopilot = useApp((s) => s.setAutopilot);
  const setGuard = useApp((s) => s.setGuard);
  const canCommand = useCanCommand();
  const [editing, setEditing] = useState(false);
  const closeEditor = useCallback(() => setEditing(false), []);
  const progress = stageProgress(run, currentStep(run, metrics));
  if (!run || !progress) {
    return (
      <section className="panel" aria-labelledby="stage-heading">
        <h2 id="stage-heading">Stage</h2>
        <p className="hint">Pick a run to see its stage plan.</p>
      </section>
    );
  }
  const { plan, index, stage, stepsIn } = progress;
  const guard = guardSettingsOf(run);
  const last = index >= plan.stages.length - 1;
  const live = isLive(run);
  const fraction = stage?.end.type === 'steps' ? Math.min(1, stepsIn / stage.end.steps) : null;
  return (
    <section className="panel stage-panel" aria-labelledby="stage-heading">
      <div className="panel-title">
        <h2 id="stage-heading">Stage</h2>
        <span data-testid="plan-name" className="plan-name" title={`Plan: ${plan.name}`}>
          {plan.name}
        </span>
      </div>
      {/* The plan as numbered chips (names in tooltips); the current stage is spelled out below. */}
      <ol className="stage-list" aria-label="Stages of the plan">
        {plan.stages.map((s, i) => (
          <li key={i} data-testid="stage-item" data-name={s.name} className={i === index ? 'current' : i < index ? 'done' : ''} aria-current={i === index ? 'step' : undefined} title={`${i + 1}. ${s.name} — ${describeEnd(s.end)}`}>
            <span className="stage-number num" aria-hidden>
              {i + 1}
            </span>
            <span className="visually-hidden">{`${i + 1}. ${s.name}`}</span>
          </li>
        ))}
      </ol>
      <div data-testid="stage-current" data-index={index} className="stage-current">
        <span className="stage-current-name">{stage?.name ?? 'Past the end of the plan'}</span>
        <span className="stage-end">
          stage <span className="num">{index + 1}</span> of <span className="num">{plan.stages.length}</span>
          {stage && ` · ${describeEnd(stage.end)}`}
        </span>
      </div>
      <StageRules rules={[...(plan.rules ?? []), ...(stage?.rules ?? [])]} />
      <GrowthControl run={run} />
      {run.handoff && (
        <p className="stage-waiting" data-testid="stage-waiting">
          Done — waiting for you to go on (the run trains on in this stage).
        </p>
      )}
      {stage && (
        <div className="stage-progress">
          <span data-testid="stage-progress" className="num">
            {describeProgress(stage.end, stepsIn)}
          </span>
          {fraction !== null && (
            <span className="progress-bar" aria-hidden>
              <span style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
            </span>
          )}
        </div>
      )}
      <div className="stage-switches">
        <label title="When a stage ends, move on without asking. Off: the run keeps training and asks you.">
          <Switch checked={run.autopilot ?? false} label="Autopilot" disabled={!canCommand} onToggle={(on) => setAutopilot(run.id, on)} />
          Autopilot
        </label>
        <label title={`Pause the run when likeness falls more than ${guard.likenessDrop} points below this phase's best for ${guard.evaluations} evaluations in a row.`}>
          <Switch checked={guard.pauseOnDrop} label="Pause when likeness drops" disabled={!canCommand} onToggle={(on) => setGuard(run.id, { pauseOnDrop: on })} />
          Pause when likeness drops
        </label>
      </div>
      <div className="button-row">
        <button
          data-testid="next-stage"
          disabled={!canCommand || !live || last}
          title={last ? 'This is the last stage of the plan.' : 'End this stage now and begin the next one.'}
          onClick={() => nextStage(run.id)}
        >
          Next stage
        </button>
        <button data-testid="edit-plan" aria-haspopup="dialog" title="See, edit, load or save this run’s stage plan as JSON." onClick={() => setEditing(true)}>
          Edit plan
        </button>
      </div>
      {editing && <PlanEditor run={run} onClose={closeEditor} />}
    </section>
  );
}

/** The rules that hold in this stage (the plan's and its own), each as a sentence: when … → what it does. */
function StageRules({ rules }: { rules: readonly Rule[] }) {
  if (rules.length === 0) return null;
  return (
    <ul className="stage-rules" data-testid="stage-rules" aria-label="Rules in this stage">
      {rules.map((rule, i) => (
        <li key={i} data-testid="stage-rule" title={rule.name}>
          When {conditionWords(rule.when.metric, rule.when.condition)} → {rule.then.map(actionWords).join(', ')}
        </li>
      ))}
    </ul>
  );
}
