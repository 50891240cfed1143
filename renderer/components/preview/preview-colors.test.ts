import { describe, expect, it } from 'vitest';
import { PREVIEW_TOKENS, readPreviewColors, toneColor } from './preview-colors';

describe('preview colours', () => {
  it('come from the design tokens, as the browser computes them', () => {
    const computed: Record<string, string> = { '--preview-generated': ' #ff00ff', '--preview-grid': 'rgb(1, 2, 3)' };
    const colors = readPreviewColors({ getPropertyValue: (name) => computed[name] ?? '' });
    expect(colors.generated).toBe('#ff00ff');
    expect(colors.grid).toBe('rgb(1, 2, 3)');
    // A token the page does not define keeps the value tokens.css would have given it.
    expect(colors.truth).toBe('#d7dbe0');
    expect(readPreviewColors(null).background).toBe('#101214');
  });

  it('give the legend the token itself, so its swatches match the scene', () => {
    expect(toneColor('truth')).toBe(`var(${PREVIEW_TOKENS.truth})`);
  });
});
