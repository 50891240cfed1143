/** A plan's rules are checked like its stages: a metric the run does not log, a condition it cannot be read by, or a group the model has not, is refused by where it is and the field. */
import { describe, expect, it } from 'vitest';
import type { Rule, StagePlan } from '../protocol.js';
import { audioToMotion } from '../recipes/audio-to-motion/recipe.js';
import { defaultControls, validatePlan } from './controls.js';

const controls = defaultControls(audioToMotion.layerGroups, { learningRate: 1e-3, batchSize: 8 });
const lockEncoder = (over: Partial<Rule> = {}): Rule => ({
  name: 'likeness drops',
  when: { metric: 'val/tokenizer_likeness', condition: { type: 'drops', by: 5, evaluations: 2 } },
  then: [{ type: 'lock', groups: ['encoder'] }, { type: 'snapshot' }],
  ...over,
});
const plan = (stageRules: Rule[], planRules?: Rule[]): StagePlan => ({
  name: 'p',
  ...(planRules ? { rules: planRules } : {}),
  stages: [
    { name: 'warp', controls: {}, end: { type: 'manual' } },
    { name: 'warp off', controls: {}, end: { type: 'manual' }, rules: stageRules },
  ],
});

describe('a plan’s rules', () => {
  it('are accepted when they watch a logged metric the way it can be read and act on the model’s groups', () => {
    expect(() => validatePlan(controls, plan([lockEncoder()], [lockEncoder({ name: 'whole run', when: { metric: 'loss', condition: { type: 'above', value: 3 } } })]), audioToMotion)).not.toThrow();
  });

  it('refuse an unknown metric, a drop on a metric with no better way, and an unknown group, saying where and the fix', () => {
    expect(() => validatePlan(controls, plan([lockEncoder({ when: { metric: 'val/tokeniser_likeness', condition: { type: 'drops', by: 5, evaluations: 2 } } })]), audioToMotion)).toThrow(
      "Stage 2 'warp off' rules[0] 'likeness drops': when.metric 'val/tokeniser_likeness' is not a metric audio-to-motion logs; the closest it logs is 'val/tokenizer_likeness'.",
    );
    expect(() => validatePlan(controls, plan([], [lockEncoder({ when: { metric: 'lr', condition: { type: 'drops', by: 1, evaluations: 1 } } })]), audioToMotion)).toThrow(
      "Plan rules[0] 'likeness drops': when.condition 'drops' needs a metric that is better one way; 'lr' is not. Use 'above' or 'below'.",
    );
    expect(() => validatePlan(controls, plan([lockEncoder({ then: [{ type: 'unlock', groups: ['interr'] }] })]), audioToMotion)).toThrow(
      "Stage 2 'warp off' rules[0] 'likeness drops': then[0].groups names 'interr', which is not a layer group of audio-to-motion; its groups are encoder, inter, codebook, decoder, audio_encoder, generator, discriminator.",
    );
  });
});
