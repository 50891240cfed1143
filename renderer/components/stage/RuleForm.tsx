import { conditionWords, type Rule, type Stage } from '../../../trainer/protocol';
import { ruleLocks, seedRule, withRuleAction, withRuleLocks, type SimpleAction } from './plan-form';

const ACTIONS: readonly SimpleAction[] = ['snapshot', 'pause', 'notify', 'next-stage'];

/**
 * One rule of a stage: "when <metric> drops more than <by> below its best for <n> evaluations →
 * lock <groups>, snapshot, …". Conditions other than a drop are shown in words and edited in the JSON.
 */
export function RuleForm({ rule, groups, metrics, onChange }: { rule: Rule; groups: readonly string[]; metrics: readonly string[]; onChange(rule: Rule | null): void }) {
  const { condition } = rule.when;
  const locks = ruleLocks(rule);
  return (
    <div className="rule-form" data-testid="plan-form-rule">
      <div className="rule-form-when">
        When
        <select aria-label="Rule metric" value={rule.when.metric} onChange={(e) => onChange({ ...rule, when: { ...rule.when, metric: e.target.value } })}>
          {[...new Set([rule.when.metric, ...metrics])].map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        {condition.type === 'drops' ? (
          <>
            drops more than
            <input aria-label="Drop" type="number" min={0.1} step="any" value={condition.by} onChange={(e) => Number(e.target.value) > 0 && onChange({ ...rule, when: { ...rule.when, condition: { ...condition, by: Number(e.target.value) } } })} />
            below its best for
            <input aria-label="Evaluations" type="number" min={1} max={100} step={1} value={condition.evaluations} onChange={(e) => Number(e.target.value) >= 1 && onChange({ ...rule, when: { ...rule.when, condition: { ...condition, evaluations: Math.min(100, Math.round(Number(e.target.value))) } } })} />
            evaluations
          </>
        ) : (
          <span className="muted">{conditionWords('', condition)}</span>
        )}
      </div>
      <div className="rule-form-then" role="group" aria-label="What the rule does">
        →
        {groups.map((group) => (
          <label key={group}>
            <input type="checkbox" checked={locks.includes(group)} onChange={(e) => onChange(withRuleLocks(rule, e.target.checked ? [...locks, group] : locks.filter((g) => g !== group)))} />
            lock {group}
          </label>
        ))}
        {ACTIONS.map((action) => (
          <label key={action}>
            <input type="checkbox" data-testid={`plan-form-rule-${action}`} checked={rule.then.some((a) => a.type === action)} onChange={(e) => onChange(withRuleAction(rule, action, e.target.checked))} />
            {action === 'next-stage' ? 'next stage' : action}
          </label>
        ))}
        <button type="button" className="link danger" onClick={() => onChange(null)}>
          Remove rule
        </button>
      </div>
    </div>
  );
}

export function AddRuleButton({ stage, groups, metrics, onAdd }: { stage: Stage; groups: readonly string[]; metrics: readonly string[]; onAdd(rule: Rule): void }) {
  const metric = metrics.find((m) => m.endsWith('likeness') && m !== 'likeness') ?? metrics.find((m) => m.endsWith('likeness')) ?? metrics[0] ?? 'loss';
  const full = (stage.rules?.length ?? 0) >= 20;
  return (
    <button type="button" className="link" data-testid="plan-form-add-rule" disabled={full} title="When a likeness drops → lock the encoder, snapshot, notify: change any part below." onClick={() => onAdd(seedRule(metric, groups))}>
      Add a rule
    </button>
  );
}
