import type { GrowthLevel, StagePlan } from '../../../trainer/protocol';
import { withStageAdded, withStageMoved, withStageRemoved } from './plan-form';
import { StageForm } from './StageForm';

export interface PlanFormProps {
  plan: StagePlan;
  /** The run's layer groups, for the lock settings and the rules' lock action. */
  groups: readonly string[];
  /** What a stage may end on and a rule may watch: the recipe's metrics and the loop's. */
  metrics: readonly string[];
  /** The run's growth levels, where it grows. */
  growthLevels?: readonly GrowthLevel[] | undefined;
  onChange(plan: StagePlan): void;
}

/**
 * The plan as a form, stage by stage, for the settings people change most (what ends a stage,
 * random warp, LRD, GAN, locks, the learning rate, growth, rules); everything else stays in the
 * JSON, which this edits in place.
 */
export function PlanForm({ plan, groups, metrics, growthLevels, onChange }: PlanFormProps) {
  return (
    <div className="plan-form" data-testid="plan-form">
      <ol className="plan-form-stages">
        {plan.stages.map((stage, index) => (
          <li key={index} className="plan-form-stage" data-testid="plan-form-stage">
            <StageForm plan={plan} index={index} groups={groups} metrics={metrics} growthLevels={growthLevels} onChange={onChange} />
            <div className="button-row plan-form-stage-actions">
              <button type="button" className="link" disabled={index === 0} onClick={() => onChange(withStageMoved(plan, index, -1))}>
                Move up
              </button>
              <button type="button" className="link" disabled={index === plan.stages.length - 1} onClick={() => onChange(withStageMoved(plan, index, 1))}>
                Move down
              </button>
              <button type="button" className="link" data-testid="plan-form-add-stage" onClick={() => onChange(withStageAdded(plan, index))}>
                Add a stage after
              </button>
              <button type="button" className="link danger" disabled={plan.stages.length === 1} onClick={() => onChange(withStageRemoved(plan, index))}>
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
