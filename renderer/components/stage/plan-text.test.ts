import { describe, expect, it } from 'vitest';
import { plan } from '../../store/test-fixtures';
import { checkPlanText, planFileName, planNameIn, planToText } from './plan-text';

const withStage = (end: unknown) => JSON.stringify({ ...plan, stages: [...plan.stages.slice(0, 2), { name: 'Third', controls: {}, end }] });

describe('checking a plan as text', () => {
  it('accepts the plan it printed', () => {
    expect(checkPlanText(planToText(plan))).toEqual({ ok: true, plan });
  });

  it('names the field at fault, as the trainer does for a plan file', () => {
    expect(checkPlanText(withStage({ type: 'steps', steps: -5 }))).toEqual({ ok: false, message: 'stages.2.end.steps: Too small: expected number to be >0' });
    expect(checkPlanText(withStage({ type: 'sometime' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^stages\.2\.end\.type: /) });
    const extra = JSON.stringify({ ...plan, stages: [{ ...plan.stages[0], controls: { warp: true } }] });
    expect(checkPlanText(extra)).toMatchObject({ ok: false, message: expect.stringMatching(/^stages\.0\.controls: .*"warp"/) });
  });

  it('says what is missing, and what a plan must be when it is not even an object', () => {
    expect(checkPlanText(JSON.stringify({ stages: plan.stages }))).toEqual({ ok: false, message: 'name: Missing (expected string)' });
    expect(checkPlanText('[]')).toMatchObject({ ok: false, message: expect.stringMatching(/^The plan: .*expected object/) });
    expect(checkPlanText('  ')).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
  });

  it('says when the text is not JSON at all', () => {
    expect(checkPlanText('{"name": }')).toMatchObject({ ok: false, message: expect.stringMatching(/^Not valid JSON: /) });
  });
});

describe('plan files', () => {
  it('are named after the plan, with characters no OS accepts replaced', () => {
    expect(planFileName('Face-swap style')).toBe('Face-swap style.json');
    expect(planFileName('Autoencoder: warp / sharpen')).toBe('Autoencoder- warp - sharpen.json');
    expect(planFileName('..')).toBe('plan.json');
  });

  it('take the name the text gives, or the fallback while the text is no plan', () => {
    expect(planNameIn(planToText(plan), 'x')).toBe('Face-swap style');
    expect(planNameIn('{"name": ', 'Old plan')).toBe('Old plan');
    expect(planNameIn('null', 'Old plan')).toBe('Old plan');
  });
});
