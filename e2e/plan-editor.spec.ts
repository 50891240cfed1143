/**
 * A person edits the stage plan of a live run: a bad plan is named field by field and cannot be
 * applied; a plan file loaded from disk is applied, the stage panel shows it once the trainer
 * says so; when its short stage ends the run asks (the hand-off) and Go moves it on, with a
 * snapshot first and a marker on the chart. Applied-at steps survive a reload. A rule added in
 * the editor is checked by the trainer, shown in the stage panel, and fires.
 */
import { expect, test } from './fixtures';
import { PlanEditor } from './pages/plan-editor';
import { StagePanel } from './pages/stage-panel';

const SCREENS = 'test-output/screens';

test('edit the plan of a live run: a bad plan is refused by field, a loaded plan file applies and advances', async ({ studio, page }) => {
  test.setTimeout(300_000);
  const stage = new StagePanel(page);
  const editor = new PlanEditor(page);
  await studio.createProject('demo-speaker', 'Demo speaker');
  await studio.newRun();

  // An idle run: the editor shows the plan, but says the trainer applies plans only to a live run.
  await editor.open();
  await expect(page.getByTestId('plan-editor-idle')).toContainText('only to a running or paused run');
  await expect(editor.apply).toBeDisabled();
  await page.getByTestId('plan-editor-cancel').click();
  await expect(editor.dialog).toBeHidden();

  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(5);

  // The editor opens with the run's own plan as JSON.
  await editor.open();
  const current = await editor.plan();
  await expect(page.getByTestId('plan-name')).toHaveText(current.name);
  expect(current.stages.map((s) => s.name)).toEqual(await editor.stageNames());

  // A stage that ends after -5 steps: the error names the field, and Apply stays disabled.
  const bad = { ...current, stages: [...current.stages.slice(0, 2), { name: 'Backwards', controls: {}, end: { type: 'steps', steps: -5 } }] };
  await editor.type(JSON.stringify(bad, null, 2));
  await expect(editor.error).toHaveText('stages.2.end.steps: Too small: expected number to be >0');
  await expect(editor.apply).toBeDisabled();
  await expect(editor.text).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: `${SCREENS}/plan-editor-invalid.png` });
  await editor.type('{ "name": "half a plan", ');
  await expect(editor.error).toHaveText(/^Not valid JSON: /);
  await expect(editor.apply).toBeDisabled();

  // A plan file with two short stages; the first ends a few dozen steps from now.
  const ends = (await studio.step()) + 40;
  const quick = {
    name: 'Quick two-stage',
    stages: [
      { name: 'Quick warm-up', controls: { randomWarp: { enabled: true } }, end: { type: 'steps', steps: ends } },
      { name: 'Quick sharpen', controls: { randomWarp: { enabled: false } }, end: { type: 'steps', steps: 50 } },
    ],
  };
  await editor.loadFile('quick-two-stage.json', quick);
  await expect(editor.error).toHaveCount(0);
  await expect(page.getByTestId('plan-editor-valid')).toContainText('2 stages');
  await page.screenshot({ path: `${SCREENS}/plan-editor-loaded.png` });
  // "Save file" downloads the text as "<plan name>.json".
  expect(await editor.save()).toEqual({ name: 'Quick two-stage.json', plan: quick });

  // Apply: the stage panel shows the new plan only when the trainer reports it.
  const stagesBefore = await stage.markerSteps('stage');
  await editor.applyAndWait(['Quick warm-up', 'Quick sharpen']);
  await expect(page.getByTestId('plan-name')).toHaveText('Quick two-stage');

  // The first stage's steps pass: the run asks before it moves on, training on in the stage meanwhile.
  const handoff = page.getByTestId('stage-handoff');
  await expect(handoff).toBeVisible({ timeout: 120_000 });
  await expect(handoff.getByRole('heading')).toContainText(`Stage 1 “Quick warm-up” is done: ${ends} steps done`);
  await expect(page.getByTestId('handoff-next')).toHaveText('stage 2 “Quick sharpen”');
  await expect(page.getByTestId('handoff-changes')).toHaveText('random warp off');
  await expect(page.getByTestId('handoff-snapshot')).toHaveText('auto before random warp off (stage 2: Quick sharpen)');
  await expect(page.getByTestId('stage-waiting')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/stage-handoff.png` });
  const asked = await studio.step();
  await studio.waitForStepAbove(asked + 10);
  expect(await stage.stageIndex(), 'nothing moves on until the person decides').toBe(0);

  // Go: the snapshot first, then the next stage, marked on the chart (beside the hand-off's own marker).
  await page.getByTestId('handoff-go').click();
  await expect.poll(() => stage.stageIndex(), { message: 'Go moves the plan to its second stage' }).toBe(1);
  await expect(handoff).toHaveCount(0);
  await expect(stage.control('stage-current')).toContainText('Quick sharpen');
  const marker = page.locator('[data-testid="chart-marker"][data-kind="stage"][data-label="stage 2: Quick sharpen"]');
  await expect(marker.first()).toBeVisible();
  expect(await stage.markerSteps('stage')).toHaveLength(stagesBefore.length + 2);
  await expect(page.locator('[data-testid="snapshot-row"]').filter({ hasText: 'auto before random warp off' })).toHaveCount(1);
  await expect(stage.switchOf('control-random-warp')).toHaveAttribute('aria-checked', 'false');
  await page.screenshot({ path: `${SCREENS}/plan-editor-applied.png` });

  // Applied-at steps come back after a reload, from the trainer's timeline.
  const locked = await stage.flip('control-lock-encoder', true);
  await page.reload();
  await expect(studio.byTestId('connection-state')).toHaveText('connected');
  await expect(stage.control('control-lock-encoder')).toHaveAttribute('data-applied-step', String(locked));
  await expect(stage.control('control-lock-encoder')).toContainText(`applied at step ${locked.toLocaleString('en-US')}`);

  await studio.click('run-stop');
  await studio.expectState('stopped');
});

test('a rule added in the plan editor is checked by the trainer, shown in the stage panel, and fires: notice, marker and the snapshot it asked for', async ({ studio, page }) => {
  test.setTimeout(180_000);
  const editor = new PlanEditor(page);
  const stage = new StagePanel(page);
  await studio.createProject('rules', 'Rules');
  await studio.newRun();
  await studio.click('run-start');
  await studio.expectState('running');
  await studio.waitForStepAbove(5);

  await editor.open();
  const current = await editor.plan();
  const rule = (metric: string) => ({ name: 'loss under watch', when: { metric, condition: { type: 'below', value: 100 } }, then: [{ type: 'snapshot' }, { type: 'notify' }] });
  // A typo in the metric passes the schema; the trainer refuses it by field and the editor says so.
  await editor.type(JSON.stringify({ ...current, rules: [rule('los')] }, null, 2));
  await expect(editor.apply).toBeEnabled();
  await editor.apply.click();
  await expect(editor.error).toHaveText("The trainer did not apply the plan: Plan rules[0] 'loss under watch': when.metric 'los' is not a metric motion-autoencoder logs; the closest it logs is 'loss'.");
  await expect(editor.error).toHaveAttribute('data-source', 'trainer');

  await editor.type(JSON.stringify({ ...current, rules: [rule('loss')] }, null, 2));
  await editor.applyAndWait(current.stages.map((s) => s.name));
  await expect(page.getByTestId('stage-rule')).toHaveText('When loss is below 100 → snapshot, notify');

  // The loss is below 100 at its next reading: the rule fires once and says what it did.
  const notice = page.locator('[data-testid="warning-notice"][data-code="rule"]');
  await expect(notice).toContainText("Rule 'loss under watch' fired: loss is below 100");
  await expect(notice).toContainText('It did: snapshot, notify.');
  await expect(stage.markers('warning').first()).toBeVisible();
  await expect(page.locator('[data-testid="snapshot-row"][data-reason="rule: loss under watch"]')).toHaveCount(1);
  await page.screenshot({ path: `${SCREENS}/plan-rule-fired.png` });
  await studio.click('run-stop');
  await studio.expectState('stopped');
});

test('the plan form builds a stage and a rule without typing JSON; the trainer takes it and the stage panel shows it', async ({ studio, page }) => {
  test.setTimeout(180_000);
  const editor = new PlanEditor(page);
  await studio.createProject('plan-form', 'Plan form');
  await studio.newRun();
  await studio.click('run-start');
  await studio.expectState('running');
  await editor.open();
  await expect(page.getByTestId('plan-form')).toBeVisible();
  const stages = await page.getByTestId('plan-form-stage').count();
  // A stage after the first: ends after 400 steps, random warp off, the encoder locked.
  await editor.stage(0).getByTestId('plan-form-add-stage').click();
  await expect(page.getByTestId('plan-form-stage')).toHaveCount(stages + 1);
  const added = editor.stage(1);
  await added.getByTestId('plan-form-name').fill('Warp off, encoder locked');
  await added.getByTestId('plan-form-end').selectOption('steps');
  await added.getByRole('spinbutton').first().fill('400');
  await added.getByTestId('plan-form-Random warp').selectOption('off');
  await added.getByTestId('plan-form-encoder').selectOption('on');
  // A rule on it: the seed practice, with a pause added.
  await added.getByTestId('plan-form-add-rule').click();
  await added.getByTestId('plan-form-rule-pause').check();
  await page.screenshot({ path: `${SCREENS}/plan-form.png` });
  // The JSON holds what the form built.
  const plan = (await editor.plan()) as unknown as { stages: { name: string; controls: unknown; end: unknown; rules?: { then: unknown[] }[] }[] };
  expect(plan.stages[1]).toMatchObject({ name: 'Warp off, encoder locked', controls: { randomWarp: { enabled: false }, locks: { encoder: true } }, end: { type: 'steps', steps: 400 } });
  expect(plan.stages[1]!.rules?.[0]?.then).toEqual([{ type: 'lock', groups: ['encoder'] }, { type: 'snapshot' }, { type: 'notify' }, { type: 'pause' }]);
  await editor.applyAndWait(plan.stages.map((s) => s.name));
});
