/**
 * The plan's rules wired to a live run (as likeness-watch.ts wires the likeness guard): the rule
 * watch says which rule's condition a reading met; this does what the rule says, at the step the
 * run is at (an evaluation lands after the steps it scored), then marks the charts and says what
 * fired and what it did. An action that cannot be done (no best snapshot yet) is said too; the
 * rest still happen.
 */
import { actionWords, conditionWords, snapshotKindOf, type ControlsPatch, type Rule, type RuleAction, type SnapshotInfo, type StagePlan, type TimelineMark, type TrainerEvent } from '../protocol.js';
import type { RunFile } from '../project/project-store.js';
import type { LiveCommand } from './run-hooks.js';
import { RuleWatch } from './rule-watch.js';
import type { SnapshotRequest } from './snapshot-taker.js';

export interface LiveRulesContext {
  run: RunFile;
  snapshots(): SnapshotInfo[];
  /** A control change made by the rule (a risky one snapshots first, as a person's does). */
  applyControls(patch: ControlsPatch, step: number): void;
  snapshot(request: SnapshotRequest, step: number): void;
  pause(reason: string, step: number): void;
  /** Moves to the next stage at the next step, as a stage that ends on its own under autopilot does. */
  nextStage(reason: string): void;
  /** A command applied between the next two steps, like one the person sends. */
  enqueue(command: LiveCommand): void;
  mark(mark: TimelineMark): void;
  emit(event: TrainerEvent): void;
}

export class LiveRules {
  private readonly watch = new RuleWatch();

  constructor(private readonly ctx: LiveRulesContext) {
    this.startStage(ctx.run.plan, ctx.run.stage.index);
  }

  /** The plan's rules and those of stage `index`, each from the start (a new stage, plan or restore). */
  startStage(plan: StagePlan, index: number): void {
    this.watch.startStage(plan, index);
  }

  /** A step's or an evaluation's values, read at `step`. */
  observe(step: number, values: Readonly<Record<string, number>>): void {
    for (const { rule, value } of this.watch.observe(step, values)) this.fire(rule, value, step);
  }

  private fire(rule: Rule, value: number, readAt: number): void {
    const { run } = this.ctx;
    const step = run.step;
    const done: string[] = [];
    for (const action of rule.then) {
      try {
        this.act(action, rule, step);
        done.push(actionWords(action));
      } catch (error) {
        done.push(`not ${actionWords(action)} (${(error as Error).message})`);
      }
    }
    const reading = `${Number(value.toPrecision(4))} at step ${readAt.toLocaleString('en')}`;
    const message = `Rule '${rule.name}' fired: ${conditionWords(rule.when.metric, rule.when.condition)} (${reading}). It did: ${done.join(', ')}.`;
    this.ctx.mark({ step, kind: 'warning', label: message });
    this.ctx.emit({ type: 'warning', runId: run.id, step, code: 'rule', message });
  }

  private act(action: RuleAction, rule: Rule, step: number): void {
    const { ctx } = this;
    const { run } = ctx;
    const by = `rule '${rule.name}'`;
    switch (action.type) {
      case 'lock':
      case 'unlock':
        return ctx.applyControls({ locks: Object.fromEntries(action.groups.map((g) => [g, action.type === 'lock'])) }, step);
      case 'snapshot':
        return ctx.snapshot({ kind: 'rule', reason: `rule: ${rule.name}`, label: '' }, step);
      case 'pause':
        return ctx.pause(by, step);
      case 'next-stage':
        if (run.stage.index + 1 >= run.plan.stages.length) throw new Error('this is the plan’s last stage');
        return ctx.nextStage(by);
      case 'restore-best': {
        const best = ctx.snapshots().filter((s) => snapshotKindOf(s) === 'best' && s.branch === run.branch && s.step <= step).at(-1);
        if (!best) throw new Error('no best-likeness snapshot on this branch yet');
        return ctx.enqueue({ type: 'snapshot/restore', runId: run.id, snapshotId: best.id, mode: 'branch' });
      }
      case 'notify':
        return;
    }
  }
}
