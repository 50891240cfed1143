/**
 * The preview's colours come from tokens.css (--preview-*), so the palette lives in one file.
 * WebGL materials cannot take var(): the scene reads the computed values once, when it is made;
 * the legend's CSS swatches use the tokens themselves.
 */

/** Which motion a figure shows; the scene and the legend both colour by it. */
export type Tone = 'generated' | 'truth' | 'second';

export interface PreviewColors {
  generated: string;
  truth: string;
  /** The second snapshot when two are compared. */
  second: string;
  background: string;
  /** The grid's centre lines. */
  gridAxis: string;
  grid: string;
}

export const PREVIEW_TOKENS: Readonly<Record<keyof PreviewColors, string>> = {
  generated: '--preview-generated',
  truth: '--preview-truth',
  second: '--preview-second',
  background: '--preview-background',
  gridAxis: '--preview-grid-axis',
  grid: '--preview-grid',
};

/** Used only if tokens.css did not load (a test page, a broken build): the same values it sets. */
const FALLBACK: PreviewColors = { generated: '#4cc2b0', truth: '#d7dbe0', second: '#c9a45c', background: '#101214', gridAxis: '#3a4148', grid: '#23282d' };

/** Reads every preview token from a computed style (getComputedStyle of the scene's host element). */
export function readPreviewColors(style: { getPropertyValue(name: string): string } | null): PreviewColors {
  const colors = { ...FALLBACK };
  for (const key of Object.keys(PREVIEW_TOKENS) as (keyof PreviewColors)[]) {
    const value = style?.getPropertyValue(PREVIEW_TOKENS[key]).trim();
    if (value) colors[key] = value;
  }
  return colors;
}

/** A legend swatch's CSS colour: the token itself, so it always matches the scene. */
export function toneColor(tone: Tone): string {
  return `var(${PREVIEW_TOKENS[tone]})`;
}
