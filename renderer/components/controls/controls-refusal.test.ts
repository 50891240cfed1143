import { describe, expect, it } from 'vitest';
import type { RecentError } from '../../store/trainer-view';
import { controlsRefusal, settledRefusals } from './controls-refusal';

const error = (id: number, commandType: string | undefined, dismissed = false): RecentError => ({ id, code: 'malformed-command', message: `error ${id}`, commandType, dismissed });

describe('the refusal beside the controls', () => {
  it('is the newest refused control change nobody dismissed', () => {
    const errors = [error(1, 'controls/set'), error(2, 'snapshot/take'), error(3, 'controls/set'), error(4, 'run/start')];
    expect(controlsRefusal(errors, 0)?.id).toBe(3);
    expect(controlsRefusal([error(1, 'controls/set'), error(2, 'controls/set', true)], 0)?.id).toBe(1);
    expect(controlsRefusal([error(1, 'run/start'), error(2, undefined)], 0)).toBeNull();
  });

  it('goes away once a later change applied', () => {
    const errors = [error(1, 'controls/set'), error(2, 'controls/set')];
    expect(controlsRefusal(errors, 2)).toBeNull();
    expect(controlsRefusal(errors, 1)?.id).toBe(2);
    // …and the banner lets those go too; other errors stay until dismissed.
    expect(settledRefusals([...errors, error(3, 'run/start'), error(4, 'controls/set')], 3)).toEqual([1, 2]);
    expect(settledRefusals([error(1, 'controls/set', true)], 1)).toEqual([]);
  });
});
