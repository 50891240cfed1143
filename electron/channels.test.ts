import { describe, expect, it } from 'vitest';
import { PATH_COMMAND_TYPES } from '../trainer/protocol';
import { PATH_COMMANDS } from './channels';

describe('preload routing', () => {
  it('sends exactly the protocol’s path commands through main', () => {
    expect(PATH_COMMANDS).toEqual(PATH_COMMAND_TYPES);
  });
});
