import { growthLevelWords, type GrowthLevel, type StageEnd, type StagePlan } from '../../../trainer/protocol';
import { endOfType, growthLevelOf, lockState, switchState, withEnd, withGrowthLevel, withLearningRate, withLock, withName, withRule, withSwitch, type SwitchKey, type TriState } from './plan-form';
import { RuleForm, AddRuleButton } from './RuleForm';

interface StageFormProps {
  plan: StagePlan;
  index: number;
  groups: readonly string[];
  metrics: readonly string[];
  growthLevels?: readonly GrowthLevel[] | undefined;
  onChange(plan: StagePlan): void;
}

const SWITCHES: readonly [SwitchKey, string][] = [
  ['randomWarp', 'Random warp'],
  ['lrd', 'LRD'],
  ['gan', 'GAN'],
];

/** One stage's fields: its name, what ends it, the controls it sets (or leaves as they were), its rules. */
export function StageForm({ plan, index, groups, metrics, growthLevels, onChange }: StageFormProps) {
  const stage = plan.stages[index]!;
  const id = `stage-${index}`;
  const level = growthLevelOf(stage);
  return (
    <fieldset className="stage-form" data-index={index}>
      <legend>
        <span className="num">{index + 1}</span>
        <input aria-label={`Stage ${index + 1} name`} data-testid="plan-form-name" value={stage.name} onChange={(e) => onChange(withName(plan, index, e.target.value))} />
      </legend>
      <EndFields end={stage.end} metrics={metrics} label={`Stage ${index + 1}`} onChange={(end) => onChange(withEnd(plan, index, end))} />
      <div className="stage-form-grid">
        {SWITCHES.map(([key, label]) => (
          <TriSelect key={key} id={`${id}-${key}`} label={label} words={['as before', 'on', 'off']} value={switchState(stage, key)} onChange={(v) => onChange(withSwitch(plan, index, key, v))} />
        ))}
        <label className="field">
          <span className="label">Learning rate</span>
          <input
            type="number"
            step="any"
            min={0}
            placeholder="as before"
            value={stage.controls.learningRate ?? ''}
            onChange={(e) => onChange(withLearningRate(plan, index, e.target.value === '' ? null : Number(e.target.value)))}
          />
        </label>
        {growthLevels && (
          <label className="field">
            <span className="label">Growth</span>
            <select data-testid="plan-form-growth" value={level ?? ''} onChange={(e) => onChange(withGrowthLevel(plan, index, e.target.value === '' ? null : Number(e.target.value)))}>
              <option value="">as before</option>
              {growthLevels.map((l, i) => (
                <option key={l.name} value={i}>
                  {i === 0 ? 'start at' : 'grow to'} {growthLevelWords(l)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="stage-form-locks" role="group" aria-label={`Stage ${index + 1} locks`}>
        {groups.map((group) => (
          <TriSelect key={group} id={`${id}-lock-${group}`} label={group} words={['as before', 'lock', 'unlock']} value={lockState(stage, group)} onChange={(v) => onChange(withLock(plan, index, group, v))} />
        ))}
      </div>
      <div className="stage-form-rules">
        {(stage.rules ?? []).map((rule, r) => (
          <RuleForm key={r} rule={rule} groups={groups} metrics={metrics} onChange={(next) => onChange(withRule(plan, index, r, next))} />
        ))}
        <AddRuleButton stage={stage} groups={groups} metrics={metrics} onAdd={(rule) => onChange(withRule(plan, index, stage.rules?.length ?? 0, rule))} />
      </div>
    </fieldset>
  );
}

function TriSelect({ id, label, words, value, onChange }: { id: string; label: string; words: readonly [string, string, string]; value: TriState; onChange(value: TriState): void }) {
  return (
    <label className="field" htmlFor={id}>
      <span className="label">{label}</span>
      <select id={id} data-testid={`plan-form-${label}`} value={value} onChange={(e) => onChange(e.target.value as TriState)}>
        <option value="keep">{words[0]}</option>
        <option value="on">{words[1]}</option>
        <option value="off">{words[2]}</option>
      </select>
    </label>
  );
}

function EndFields({ end, metrics, label, onChange }: { end: StageEnd; metrics: readonly string[]; label: string; onChange(end: StageEnd): void }) {
  const likeness = metrics.find((m) => m.endsWith('likeness')) ?? metrics[0] ?? 'loss';
  const number = (value: string, fallback: number) => (value === '' || !Number.isFinite(Number(value)) ? fallback : Number(value));
  return (
    <div className="stage-form-end">
      <label className="field">
        <span className="label">Ends</span>
        <select aria-label={`${label} ends`} data-testid="plan-form-end" value={end.type} onChange={(e) => onChange(endOfType(e.target.value as StageEnd['type'], likeness, end))}>
          <option value="steps">after steps</option>
          <option value="plateau">on a plateau</option>
          <option value="manual">by hand</option>
        </select>
      </label>
      {end.type === 'steps' && (
        <label className="field">
          <span className="label">Steps</span>
          <input type="number" min={1} step={1} value={end.steps} onChange={(e) => onChange({ ...end, steps: Math.max(1, Math.round(number(e.target.value, end.steps))) })} />
        </label>
      )}
      {end.type === 'plateau' && (
        <>
          <label className="field">
            <span className="label">Of</span>
            <select value={end.metric} onChange={(e) => onChange({ ...end, metric: e.target.value })}>
              {metrics.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="label">Patience</span>
            <input type="number" min={1} step={1} value={end.patience} onChange={(e) => onChange({ ...end, patience: Math.max(1, Math.round(number(e.target.value, end.patience))) })} />
          </label>
          <label className="field">
            <span className="label">Min change</span>
            <input type="number" min={0} step="any" value={end.minDelta} onChange={(e) => onChange({ ...end, minDelta: Math.max(0, number(e.target.value, end.minDelta)) })} />
          </label>
        </>
      )}
    </div>
  );
}
