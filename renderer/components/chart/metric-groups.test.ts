import { describe, expect, it } from 'vitest';
import { chartLayout } from './chart-specs';
import { PhaseTracker } from './loss-phases';
import { compareGroups, groupOf, groupTitle } from './metric-groups';

/** Every key the trainer logs today (training-loop, train-step, numerics, both recipes' evaluate), and the ones it is about to. */
const TODAY = [
  'loss', 'loss/recon', 'loss/velocity', 'loss/commit', 'loss/tokens', 'gan/g_adv', 'gan/d_loss', 'gradNorm', 'lr', 'stepsPerSec',
  'lossScale', 'skippedSteps', 'nonFiniteSteps', 'mem/tensorMB', 'mem/rssMB', 'debug/evalSkipped',
  'likeness', 'val/recon', 'val/tokenizer_likeness', 'val/codebook_usage', 'val/perplexity', 'val/token_accuracy', 'val/fd_g', 'val/fd_k',
  'val/diversity', 'val/beat_align', 'val/generator_likeness', 'val/joint_error_pct',
];
const SOON = [
  'smooth/recon_hf_share', 'smooth/generated_hf_share', 'smooth/truth_hf_share', 'smooth/recon_hf_ratio', 'smooth/generated_hf_ratio',
  'smooth/recon_jerk_ratio', 'smooth/generated_jerk_ratio', 'smooth/recon_jerk', 'smooth/generated_jerk', 'smooth/truth_jerk',
  'beat/align', 'beat/align_shifted', 'beat/align_gain', 'beat/truth_align', 'beat/truth_align_shifted', 'beat/truth_align_gain',
  'beat/speed_loudness_r', 'beat/truth_speed_loudness_r',
];
const UNKNOWN = ['probe/attention_entropy', 'probe/dead_units', 'weirdScalar', 'val/new_score', 'smooth/foot_skate'];

/** The phases of a run that trained the tokenizer, then the generator. */
function twoPhases() {
  const tracker = new PhaseTracker();
  tracker.phaseOf(['loss/recon', 'loss/velocity', 'loss/commit']);
  tracker.phaseOf(['loss/tokens']);
  return tracker.phases;
}

describe('metric groups', () => {
  it('puts the keys logged today where a person looks for them', () => {
    const groups = Object.fromEntries(TODAY.map((k) => [k, groupOf(k)]));
    expect(groups).toMatchObject({
      loss: 'loss', 'loss/tokens': 'loss', 'val/recon': 'loss',
      likeness: 'likeness', 'val/tokenizer_likeness': 'likeness', 'val/generator_likeness': 'likeness', 'val/joint_error_pct': 'likeness',
      'val/codebook_usage': 'codebook',
      'val/perplexity': 'validation', 'val/token_accuracy': 'validation', 'val/fd_g': 'validation', 'val/fd_k': 'validation', 'val/diversity': 'validation',
      'val/beat_align': 'beat',
      'gan/d_loss': 'gan', 'gan/g_adv': 'gan',
      lr: 'optimizer', gradNorm: 'optimizer',
      lossScale: 'numerics', skippedSteps: 'numerics', nonFiniteSteps: 'numerics',
      stepsPerSec: 'speed', 'debug/evalSkipped': 'speed',
      'mem/tensorMB': 'memory', 'mem/rssMB': 'memory',
    });
  });

  it('puts the smoothness and beat-sync keys in their groups', () => {
    for (const key of SOON) expect(groupOf(key), key).toBe(key.startsWith('smooth/') ? 'smoothness' : 'beat');
    expect([groupTitle('smoothness'), groupTitle('beat')]).toEqual(['Smoothness', 'Beat sync']);
  });

  it("files an unknown key under its first path segment, as TensorBoard does, and a known prefix's unknown key in that group", () => {
    expect(UNKNOWN.map(groupOf)).toEqual(['probe', 'probe', 'weirdScalar', 'validation', 'smoothness']);
    expect(groupTitle('probe')).toBe('probe');
    expect(['probe', 'memory', 'loss', 'alpha'].sort(compareGroups)).toEqual(['loss', 'memory', 'alpha', 'probe']);
  });
});

describe('chart layout', () => {
  const logged = [...TODAY, ...SOON, ...UNKNOWN];
  const charts = chartLayout(logged, twoPhases());
  const drawn = charts.flatMap((c) => c.keys);

  it('draws every logged key; the headline likeness only as the named series it copies', () => {
    const missing = logged.filter((k) => !drawn.includes(k));
    // 'loss' is drawn split by phase: one series per phase, under each phase's name.
    expect(missing).toEqual(['loss', 'likeness']);
    expect(drawn).toContain('loss (recon, velocity, commit)');
    expect(drawn).toContain('loss (tokens)');
    expect(charts.find((c) => c.id === 'likeness')!.keys).toEqual(['val/tokenizer_likeness', 'val/generator_likeness']);
  });

  it('draws each key once among the small charts, in the group its key belongs to', () => {
    const small = charts.filter((c) => !c.primary && !c.id.startsWith('loss-phase-'));
    const keys = small.flatMap((c) => c.keys);
    expect(new Set(keys).size).toBe(keys.length);
    for (const chart of small) for (const key of chart.keys) expect(chart.group, `${chart.id}: ${key}`).toBe(groupOf(key));
  });

  it('lays out the groups in order, the loss chart first, unknown prefixes last', () => {
    const groups = [...new Set(charts.map((c) => c.group))];
    expect(groups).toEqual(['loss', 'likeness', 'validation', 'codebook', 'smoothness', 'beat', 'gan', 'optimizer', 'numerics', 'speed', 'memory', 'probe', 'weirdScalar']);
    expect(charts[0]!.primary).toBe(true);
    expect(charts.find((c) => c.id === 'metric-probe/dead_units')).toMatchObject({ group: 'probe', title: 'probe/dead_units', keys: ['probe/dead_units'] });
  });

  it('charts one quantity per chart: generated, reconstruction, ground truth side by side', () => {
    const keysOf = (id: string) => charts.find((c) => c.id === id)!.keys;
    expect(keysOf('hf-share')).toEqual(['smooth/generated_hf_share', 'smooth/recon_hf_share', 'smooth/truth_hf_share']);
    expect(keysOf('jerk')).toEqual(['smooth/generated_jerk', 'smooth/recon_jerk', 'smooth/truth_jerk']);
    expect(keysOf('jerk-ratio')).toEqual(['smooth/generated_jerk_ratio', 'smooth/recon_jerk_ratio']);
    expect(keysOf('beat-align')).toEqual(['beat/align', 'beat/align_shifted', 'beat/truth_align', 'beat/truth_align_shifted', 'val/beat_align']);
    expect(keysOf('beat-gain')).toEqual(['beat/align_gain', 'beat/truth_align_gain']);
    expect(keysOf('skipped-steps')).toEqual(['nonFiniteSteps', 'skippedSteps']);
    expect(charts.find((c) => c.id === 'jerk')).toMatchObject({ quantity: 'jerk', unit: 'body heights/s³' });
  });

  it('keeps the autoencoder\'s joint error as its likeness chart, and a chart only once a key is logged', () => {
    const auto = chartLayout(['loss', 'loss/recon', 'loss/velocity', 'lr', 'stepsPerSec', 'val/recon', 'val/joint_error_pct'], []);
    expect(auto.map((c) => c.id)).toEqual(['loss', 'likeness', 'lr', 'speed']);
    expect(auto[1]).toMatchObject({ keys: ['val/joint_error_pct'], quantity: 'joint error' });
    // A recipe that logs only the headline still gets it drawn.
    expect(chartLayout(['likeness'], []).map((c) => c.keys)).toEqual([['likeness']]);
  });
});
