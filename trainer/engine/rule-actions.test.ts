/**
 * What a firing rule does, through the run controller with real snapshot files and a stand-in
 * for the model: pause, move to the next stage, unlock (a risky change: a snapshot first), and
 * restore the best, or say it could not. Every firing is a warning marker and a notice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventOf, Rule, RuleAction, TrainerEvent } from '../protocol.js';
import { newSnapshotId } from '../snapshots/snapshot-writer.js';
import { testRunFile } from '../testing/run-file.js';
import { RunController, type BetweenStepsHooks } from './run-controller.js';
import type { SnapshotMeta } from './snapshot-taker.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const rule = (then: RuleAction[]): Rule => ({ name: 'too high', when: { metric: 'loss', condition: { type: 'above', value: 1 } }, then });

function controllerWith(then: RuleAction[]) {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-rule-actions-'));
  dirs.push(dir);
  const events: TrainerEvent[] = [];
  const plan = {
    name: 'two',
    rules: [rule(then)],
    stages: [
      { name: 'first', controls: { locks: { encoder: true } }, end: { type: 'manual' as const } },
      { name: 'second', controls: {}, end: { type: 'manual' as const } },
    ],
  };
  const run = testRunFile({ plan, guard: { likenessDrop: 0, evaluations: 2, pauseOnDrop: false } });
  const controller = new RunController(run, (e) => events.push(e), () => undefined, { runDir: join(dir, 'run'), snapshotsDir: join(dir, 'snapshots'), forked: () => new Set() });
  const restores: string[] = [];
  const hooks = {
    snapshot: (meta: SnapshotMeta) => ({ info: { id: newSnapshotId(run.step), step: run.step, ...meta, createdAt: new Date().toISOString(), branch: run.branch }, files: new Map([['w.safetensors', new Uint8Array(16)]]) }),
    snapshotInfo: (id: string) => {
      restores.push(id);
      return null; // the stand-in has no model to restore into: the restore is refused, which is enough to see it asked
    },
    flushMetrics: () => undefined,
  } as unknown as BetweenStepsHooks;
  const notices = () => events.filter((e): e is EventOf<'warning'> => e.type === 'warning' && e.code === 'rule');
  return { controller, hooks, events, notices, restores, run };
}

describe('a firing rule', () => {
  it('pauses the run, and says so in its notice', async () => {
    const { controller, hooks, notices } = controllerWith([{ type: 'pause' }]);
    await controller.betweenSteps(10, hooks);
    controller.afterStep(11, { loss: 0.5 });
    expect(notices()).toEqual([]);
    controller.afterStep(12, { loss: 2 });
    expect(controller.state).toBe('paused');
    expect(notices()[0]!.message).toBe("Rule 'too high' fired: loss is above 1 (2 at step 12). It did: pause.");
  });

  it('moves the run to the next stage at its next step, and (a new stage) can fire again there', async () => {
    const { controller, hooks, events, notices } = controllerWith([{ type: 'next-stage' }]);
    controller.beginPlan(0, hooks);
    await controller.betweenSteps(5, hooks);
    controller.afterStep(6, { loss: 3 });
    await controller.betweenSteps(6, hooks);
    expect(events.filter((e) => e.type === 'stage/changed').map((e) => e.type === 'stage/changed' && [e.stage.index, e.reason])).toEqual([
      [0, 'plan started'],
      [1, "rule 'too high'"],
    ]);
    // The last stage has no next one: the notice says the action could not be done.
    controller.afterStep(7, { loss: 3 });
    expect(notices().at(-1)!.message).toBe("Rule 'too high' fired: loss is above 1 (3 at step 7). It did: not next stage (this is the plan’s last stage).");
  });

  it('unlocks with a snapshot first, as a person’s unlock does, and asks to restore the best when there is one', async () => {
    const { controller, hooks, events, notices, restores } = controllerWith([{ type: 'unlock', groups: ['encoder'] }, { type: 'restore-best' }]);
    controller.beginPlan(0, hooks);
    await controller.betweenSteps(5, hooks);
    controller.afterStep(6, { loss: 3 });
    await controller.writes.idle();
    const applied = events.find((e): e is EventOf<'controls/applied'> => e.type === 'controls/applied' && e.changed.includes('locks.encoder') && e.controls.locks.encoder === false);
    expect(applied?.step).toBe(6);
    expect(events.some((e) => e.type === 'snapshot/taken' && e.snapshot.reason === 'auto before unlock encoder')).toBe(true);
    expect(notices()[0]!.message).toBe("Rule 'too high' fired: loss is above 1 (3 at step 6). It did: unlock encoder, not restore the best (no best-likeness snapshot on this branch yet).");

    // With a best snapshot on the branch, the restore is asked for between the next two steps.
    const second = controllerWith([{ type: 'restore-best' }]);
    await second.controller.betweenSteps(5, second.hooks);
    second.controller.afterStep(5, { likeness: 40, 'val/joint_error_pct': 1 }); // a first likeness reading: a best, kept as a snapshot
    await second.controller.writes.idle();
    const best = second.events.find((e): e is EventOf<'snapshot/taken'> => e.type === 'snapshot/taken' && e.snapshot.kind === 'best')?.snapshot;
    expect(best).toBeDefined();
    second.controller.afterStep(8, { loss: 3 });
    expect(second.notices()[0]!.message).toMatch(/It did: restore the best\.$/);
    await second.controller.betweenSteps(8, second.hooks);
    expect(second.restores).toEqual([best!.id]);
    expect(restores).toEqual([]);
  });
});
