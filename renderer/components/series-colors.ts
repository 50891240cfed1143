/**
 * Chart colours come from tokens.css (--series-N) so the palette lives in one place; SVG
 * presentation attributes cannot take var(), so the values are read once at runtime.
 */
const FALLBACK = ['#4cc2b0', '#d7dbe0', '#8a939d', '#c9a45c', '#7d8fd6', '#c46f8a'];

let cached: string[] | null = null;

export function seriesColor(index: number): string {
  if (cached === null) {
    const style = typeof document === 'undefined' ? null : getComputedStyle(document.documentElement);
    cached = FALLBACK.map((fallback, i) => style?.getPropertyValue(`--series-${i + 1}`).trim() || fallback);
  }
  return cached[index % cached.length]!;
}
