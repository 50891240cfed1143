/**
 * The likeness watch: a new best per phase (worth a snapshot), a drop of more than the set
 * points below it over consecutive evaluations (a warning that names the best snapshot and
 * pauses the run), and the all-clear once likeness is back. The controller part runs with real
 * snapshot files and a stand-in for the model copy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GUARD_SETTINGS, type TrainerEvent } from '../protocol.js';
import { newSnapshotId } from '../snapshots/snapshot-writer.js';
import { testRunFile } from '../testing/run-file.js';
import { LikenessGuard, likenessReading } from './likeness-guard.js';
import { RunController, type BetweenStepsHooks } from './run-controller.js';
import type { SnapshotMeta } from './snapshot-taker.js';

const settings = { likenessDrop: 5, evaluations: 2, pauseOnDrop: true };
const tok = (value: number) => ({ phase: 'val/tokenizer_likeness', value });

describe('the likeness watch', () => {
  it('reads the phase from the named series the headline likeness equals', () => {
    expect(likenessReading({ likeness: 71, 'val/tokenizer_likeness': 71, 'val/generator_likeness': 12 })).toEqual({ phase: 'val/tokenizer_likeness', value: 71 });
    expect(likenessReading({ likeness: 12, 'val/tokenizer_likeness': 71, 'val/generator_likeness': 12 })).toEqual({ phase: 'val/generator_likeness', value: 12 });
    expect(likenessReading({ loss: 1 })).toBeNull();
  });

  it('calls a best only when it beats the last by half a point, and a drop only after N evaluations below the margin, once', () => {
    const guard = new LikenessGuard();
    expect(guard.observe(250, tok(60), settings).kind).toBe('best');
    expect(guard.observe(500, tok(60.3), settings).kind).toBe('none');
    expect(guard.observe(750, tok(70), settings).kind).toBe('best');
    expect(guard.observe(1000, tok(66), settings).kind).toBe('none');
    expect(guard.observe(1250, tok(64), settings).kind).toBe('none');
    const drop = guard.observe(1500, tok(63), settings);
    expect(drop).toMatchObject({ kind: 'drop', best: 70, bestStep: 750 });
    expect(drop.kind === 'drop' && drop.message).toBe("Likeness 63.0% at step 1,500 is 7.0 points below this phase's best (70.0% at step 750) for 2 evaluations in a row.");
    expect(guard.observe(1750, tok(62), settings).kind).toBe('none');
    expect(guard.observe(2000, tok(68), settings)).toMatchObject({ kind: 'recovered', message: 'Likeness is back to 68.0%.' });
  });

  it('keeps a best per phase, and starts from bests it is told of', () => {
    const guard = new LikenessGuard([{ phase: 'val/tokenizer_likeness', value: 90, step: 3000 }]);
    expect(guard.observe(3250, tok(89), settings).kind).toBe('none');
    expect(guard.observe(3500, { phase: 'val/generator_likeness', value: 10 }, settings).kind).toBe('best');
    expect(guard.bestOf('val/tokenizer_likeness')).toEqual({ value: 90, step: 3000 });
  });
});

describe('the run controller on a likeness drop', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('snapshots the best, warns naming that snapshot, pauses, and clears the warning when likeness is back', async () => {
    dir = mkdtempSync(join(tmpdir(), 'stagecraft-likeness-'));
    const events: TrainerEvent[] = [];
    const run = testRunFile({ guard: DEFAULT_GUARD_SETTINGS });
    const controller = new RunController(run, (e) => events.push(e), () => undefined, { runDir: join(dir, 'run'), snapshotsDir: join(dir, 'snapshots'), forked: () => new Set() });
    const hooks = {
      snapshot: (meta: SnapshotMeta) => ({ info: { id: newSnapshotId(run.step), step: run.step, ...meta, createdAt: new Date().toISOString(), branch: run.branch }, files: new Map([['w.safetensors', new Uint8Array(16)]]) }),
      flushMetrics: () => undefined,
    } as unknown as BetweenStepsHooks;
    const evaluate = (step: number, likeness: number) => controller.afterStep(step, { likeness, 'val/tokenizer_likeness': likeness });

    await controller.betweenSteps(500, hooks);
    evaluate(500, 80);
    await controller.writes.idle();
    const best = events.find((e): e is Extract<TrainerEvent, { type: 'snapshot/taken' }> => e.type === 'snapshot/taken')!.snapshot;
    expect(best).toMatchObject({ kind: 'best', phase: 'val/tokenizer_likeness', step: 500 });

    evaluate(750, 70);
    evaluate(1000, 71);
    const warning = events.find((e) => e.type === 'warning');
    expect(warning).toMatchObject({ code: 'likeness-drop', step: 1000, snapshotId: best.id });
    expect(warning?.type === 'warning' && warning.message).toMatch(/The best is in snapshot "best tokenizer likeness 80\.0% \(scored at step 500\)" \(step 500\)\. The run was paused/);
    expect(controller.state).toBe('paused');

    evaluate(1250, 79);
    expect(events.at(-1)).toMatchObject({ type: 'warning/cleared', code: 'likeness-drop', step: 1250, message: 'Likeness is back to 79.0%.' });
  });
});
