import { describe, expect, it } from 'vitest';
import { errorAdvice } from './error-advice';

describe('error advice', () => {
  it('never asks to reload and report a dataset the studio can explain', () => {
    const fewClips = "Dataset 'three' has only one clip; training needs at least two clips: one to train on and one held out for validation. Import a folder with at least one more recording.";
    expect(errorAdvice('dataset', fewClips)).toBeNull();
    expect(errorAdvice('dataset', "'take-2.bvh' line 5: frame 1 has 30 values")).toMatch(/Fix or remove the files named/);
  });

  it('says nothing more when the sentence already ends with what to do', () => {
    expect(errorAdvice('busy', "Run 'run-1' is training; stop it before you delete it first.")).toBeNull();
    expect(errorAdvice('no-run', "Project 'P' has no run 'run-9'.")).toMatch(/Runs list/);
  });

  it('asks for a report only for what nobody foresaw, without promising a reload helps', () => {
    const advice = errorAdvice('internal', "'run/start' failed: x is undefined");
    expect(advice).toMatch(/report this message/);
    expect(advice).not.toMatch(/[Rr]eload/);
  });
});
