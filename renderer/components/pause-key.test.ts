import { describe, expect, it } from 'vitest';
import { spaceBelongsTo, spaceCommand } from './pause-key';

describe('Space pauses and resumes', () => {
  it('pauses a running run, resumes a paused one, and does nothing otherwise', () => {
    expect(spaceCommand('running')).toBe('pause');
    expect(spaceCommand('paused')).toBe('resume');
    for (const state of ['idle', 'stopped', 'failed', null] as const) expect(spaceCommand(state), String(state)).toBeNull();
  });

  it('leaves Space to fields, buttons and switches that use it, and takes it everywhere else', () => {
    const owns = [
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'INPUT', type: 'number' },
      { tagName: 'INPUT', type: 'checkbox' },
      { tagName: 'INPUT' },
      { tagName: 'TEXTAREA' },
      { tagName: 'SELECT' },
      { tagName: 'BUTTON' },
      { tagName: 'SUMMARY' },
      { tagName: 'DIV', isContentEditable: true },
      { tagName: 'SPAN', role: 'switch' },
      { tagName: 'DIV', role: 'button' },
    ];
    for (const target of owns) expect(spaceBelongsTo(target), JSON.stringify(target)).toBe(true);
    const free = [null, { tagName: 'BODY' }, { tagName: 'DIV' }, { tagName: 'CANVAS' }, { tagName: 'INPUT', type: 'range' }, { tagName: 'SECTION', role: 'region' }];
    for (const target of free) expect(spaceBelongsTo(target), JSON.stringify(target)).toBe(false);
  });
});
