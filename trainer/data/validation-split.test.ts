/** The split rule: any dataset of two or more clips gets a validation clip; one that cannot says why. */
import { describe, expect, it } from 'vitest';
import { datasetProblem, heldOutForValidation, withValidationSplit } from './validation-split.js';

const heldOut = (count: number) => Array.from({ length: count }, (_, i) => i).filter((i) => heldOutForValidation(i, count));

describe('validation split', () => {
  it('holds out the last of two to five clips and every sixth of six or more, never the only clip', () => {
    expect(heldOut(1)).toEqual([]);
    expect(heldOut(2)).toEqual([1]);
    expect(heldOut(3)).toEqual([2]);
    expect(heldOut(5)).toEqual([4]);
    expect(heldOut(6)).toEqual([5]);
    expect(heldOut(13)).toEqual([5, 11]);
  });

  it('splits a loaded dataset that has no validation clip, and leaves one that has', () => {
    expect(withValidationSplit(['a', 'b', 'c'], [])).toEqual({ train: ['a', 'b'], validation: ['c'] });
    expect(withValidationSplit(['a', 'b', 'c'], ['v'])).toEqual({ train: ['a', 'b', 'c'], validation: ['v'] });
    expect(withValidationSplit(['a'], [])).toEqual({ train: ['a'], validation: [] });
  });

  it('says in words why a dataset cannot train, naming it, and nothing when it can', () => {
    expect(datasetProblem('three', { train: 2, validation: 1 })).toBeUndefined();
    expect(datasetProblem('solo', { train: 1, validation: 0 })).toMatch(/^Dataset 'solo' has only one clip; training needs at least two clips: one to train on and one held out for validation/);
    expect(datasetProblem('empty', { train: 0, validation: 0 })).toMatch(/'empty' has no clips/);
    expect(datasetProblem('old', { train: 3, validation: 0 })).toMatch(/'old' has 3 training clips and no validation clip/);
    expect(datasetProblem('val', { train: 0, validation: 4 })).toMatch(/all its 4 clips in validation\/ and none to train on/);
  });
});
