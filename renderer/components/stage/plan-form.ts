/**
 * Edits a stage plan as the plan form makes them, one field at a time, each returning a new plan
 * that still parses (an emptied setting is removed, not left as `{}`). Pure, so the form and its
 * tests share every rule; the JSON text stays the plan's one source of truth.
 */
import type { ControlsPatch, Rule, Stage, StageEnd, StagePlan } from '../../../trainer/protocol';

/** What a stage does to a control: leaves it as it was, or turns it on or off (locks: lock/unlock). */
export type TriState = 'keep' | 'on' | 'off';

export type SwitchKey = 'randomWarp' | 'lrd' | 'gan';

function withStage(plan: StagePlan, index: number, edit: (stage: Stage) => Stage): StagePlan {
  return { ...plan, stages: plan.stages.map((s, i) => (i === index ? edit(s) : s)) };
}

function withControls(stage: Stage, edit: (controls: ControlsPatch) => ControlsPatch): Stage {
  return { ...stage, controls: edit({ ...stage.controls }) };
}

/** `object` without `key`, or undefined when nothing is left. */
function without<T extends object>(object: T | undefined, key: keyof T): T | undefined {
  if (!object) return undefined;
  const { [key]: _gone, ...rest } = object;
  return Object.keys(rest).length > 0 ? (rest as T) : undefined;
}

function assign<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined): T {
  const next = { ...object };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

export function switchState(stage: Stage, key: SwitchKey): TriState {
  const enabled = stage.controls[key]?.enabled;
  return enabled === undefined ? 'keep' : enabled ? 'on' : 'off';
}

export function withSwitch(plan: StagePlan, index: number, key: SwitchKey, state: TriState): StagePlan {
  return withStage(plan, index, (stage) =>
    withControls(stage, (controls) => assign(controls, key, state === 'keep' ? without(controls[key], 'enabled') : { ...controls[key], enabled: state === 'on' })),
  );
}

/** 'on' = the stage locks the group, 'off' = unlocks it. */
export function lockState(stage: Stage, group: string): TriState {
  const locked = stage.controls.locks && Object.hasOwn(stage.controls.locks, group) ? stage.controls.locks[group] : undefined;
  return locked === undefined ? 'keep' : locked ? 'on' : 'off';
}

export function withLock(plan: StagePlan, index: number, group: string, state: TriState): StagePlan {
  return withStage(plan, index, (stage) =>
    withControls(stage, (controls) => {
      const locks = { ...controls.locks };
      if (state === 'keep') delete locks[group];
      else locks[group] = state === 'on';
      return assign(controls, 'locks', Object.keys(locks).length > 0 ? locks : undefined);
    }),
  );
}

/** The growth level a stage grows to, or null where it names none. */
export function growthLevelOf(stage: Stage): number | null {
  return stage.controls.growth?.level ?? null;
}

export function withGrowthLevel(plan: StagePlan, index: number, level: number | null): StagePlan {
  return withStage(plan, index, (stage) =>
    withControls(stage, (controls) => assign(controls, 'growth', level === null ? without(controls.growth, 'level') : { ...controls.growth, level })),
  );
}

export function withLearningRate(plan: StagePlan, index: number, rate: number | null): StagePlan {
  return withStage(plan, index, (stage) => withControls(stage, (controls) => assign(controls, 'learningRate', rate ?? undefined)));
}

export function withName(plan: StagePlan, index: number, name: string): StagePlan {
  return withStage(plan, index, (stage) => ({ ...stage, name }));
}

export function withEnd(plan: StagePlan, index: number, end: StageEnd): StagePlan {
  return withStage(plan, index, (stage) => ({ ...stage, end }));
}

/** A first end of each kind, for the form's end select: a person then tunes its numbers. */
export function endOfType(type: StageEnd['type'], metric: string, current: StageEnd): StageEnd {
  if (current.type === type) return current;
  if (type === 'steps') return { type, steps: 1000 };
  if (type === 'plateau') return { type, metric, mode: 'max', patience: 1000, minDelta: 1 };
  return { type };
}

export function withStageAdded(plan: StagePlan, after: number): StagePlan {
  const stage: Stage = { name: `Stage ${plan.stages.length + 1}`, controls: {}, end: { type: 'manual' } };
  return { ...plan, stages: [...plan.stages.slice(0, after + 1), stage, ...plan.stages.slice(after + 1)] };
}

export function withStageRemoved(plan: StagePlan, index: number): StagePlan {
  return plan.stages.length > 1 ? { ...plan, stages: plan.stages.filter((_, i) => i !== index) } : plan;
}

export function withStageMoved(plan: StagePlan, index: number, by: -1 | 1): StagePlan {
  const to = index + by;
  if (to < 0 || to >= plan.stages.length) return plan;
  const stages = [...plan.stages];
  [stages[index], stages[to]] = [stages[to]!, stages[index]!];
  return { ...plan, stages };
}

/** The seed practice as a first rule: `metric` drops 5 below its best for 2 evaluations → lock the encoder, snapshot, notify. */
export function seedRule(metric: string, groups: readonly string[]): Rule {
  const lock = groups.includes('encoder') ? [{ type: 'lock' as const, groups: ['encoder'] }] : [];
  return { name: `${metric} drops`, when: { metric, condition: { type: 'drops', by: 5, evaluations: 2 } }, then: [...lock, { type: 'snapshot' }, { type: 'notify' }] };
}

export function withRule(plan: StagePlan, index: number, ruleIndex: number, rule: Rule | null): StagePlan {
  return withStage(plan, index, (stage) => {
    const rules = [...(stage.rules ?? [])];
    if (rule === null) rules.splice(ruleIndex, 1);
    else rules[ruleIndex] = rule;
    return assign(stage, 'rules', rules.length > 0 ? rules : undefined);
  });
}

/** A rule's lock action's groups (none when it locks nothing), for the form's checkboxes. */
export function ruleLocks(rule: Rule): string[] {
  return rule.then.flatMap((a) => (a.type === 'lock' ? a.groups : []));
}

/** The rule with its lock action set to `groups` (dropped when empty); its other actions kept in order. */
export function withRuleLocks(rule: Rule, groups: readonly string[]): Rule {
  const others = rule.then.filter((a) => a.type !== 'lock');
  return { ...rule, then: groups.length > 0 ? [{ type: 'lock', groups: [...groups] }, ...others] : others.length > 0 ? others : [{ type: 'notify' }] };
}

export type SimpleAction = 'snapshot' | 'pause' | 'notify' | 'next-stage';

export function withRuleAction(rule: Rule, action: SimpleAction, on: boolean): Rule {
  const has = rule.then.some((a) => a.type === action);
  if (on === has) return rule;
  const then = on ? [...rule.then, { type: action }] : rule.then.filter((a) => a.type !== action);
  return { ...rule, then: then.length > 0 ? then : [{ type: 'notify' }] };
}
