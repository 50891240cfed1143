import { describe, expect, it } from 'vitest';
import { likenessText, wobbleText, wobbleTitle } from './score-text';

const scores = { likeness: 61.6, wobble: 0.38, truthWobble: 0.00317, jerk: 12.34, truthJerk: 0.5 };

describe('tile numbers in words', () => {
  it('reads likeness in whole percent and wobble beside the truth’s', () => {
    expect(likenessText(scores)).toBe('likeness 62%');
    expect(wobbleText(scores)).toBe('wobble 38% (120× truth)');
    expect(wobbleText({ ...scores, wobble: 0.005, truthWobble: 0.004 })).toBe('wobble 0.5% (1.3× truth)');
  });

  it('says plainly what is not known: no numbers kept, nothing moving, a still truth', () => {
    expect(likenessText(null)).toBe('likeness —');
    expect(wobbleText(null)).toBe('wobble —');
    expect(wobbleText({ ...scores, wobble: null })).toBe('wobble —');
    expect(wobbleText({ ...scores, truthWobble: null })).toBe('wobble 38%');
  });

  it('explains wobble in its tooltip: power above 4 Hz, the truth’s share and both jerks', () => {
    expect(wobbleTitle(scores)).toMatch(/above 4 Hz/);
    expect(wobbleTitle(scores)).toMatch(/Ground truth: 0\.3%\. Mean jerk 12\.3 vs 0\.5/);
  });
});
