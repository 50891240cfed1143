import { describe, expect, it } from 'vitest';
import type { RecentError } from '../../store/trainer-view';
import { controlsRefusal } from './controls-refusal';

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
  });
});
