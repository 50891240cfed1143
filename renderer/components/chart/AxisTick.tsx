/**
 * One tick label as a plain SVG text. Recharts' default label (<Text>) measures every new
 * label's width in the DOM to wrap it, and its default tick interval measures them all again
 * to drop colliding ones; a step or value label never wraps, the ticks are already spaced
 * (axis-ticks), and when the step window moves every label is new, so that measuring ran in
 * every chart on every batch.
 */
import type { BaseTickContentProps } from 'recharts';

/** Where <Text> puts a one-line label against its anchor (its capHeight 0.71em). */
const DY: Record<BaseTickContentProps['verticalAnchor'], string | undefined> = { start: '0.71em', middle: '0.355em', end: undefined };

/**
 * `format` writes the label; `right`, for a horizontal axis, is the x its labels must end
 * before (the chart's right edge): a centred label that would cross it is right-aligned to it
 * instead, as recharts' own interval did for the last label.
 */
export function axisTick(format: (value: number) => string, right?: number) {
  // recharts hands the axis' own SVG props (fontSize among them) to the tick as well.
  return function AxisTick({ x, y, payload, textAnchor, verticalAnchor, fill, fontSize, className }: BaseTickContentProps & { fontSize?: number | string }) {
    const label = format(Number(payload.value));
    let at = Number(x);
    let anchor = textAnchor;
    if (right !== undefined && anchor === 'middle' && at + labelWidth(label, Number(fontSize) || 11) / 2 > right) {
      at = right;
      anchor = 'end';
    }
    return (
      <text x={at} y={y} dy={DY[verticalAnchor]} textAnchor={anchor} fill={fill} fontSize={fontSize} className={className}>
        {label}
      </text>
    );
  };
}

/**
 * About how wide a label is in the UI font, without measuring it: digits and letters a little
 * over half an em, separators half that. It only decides whether a label would cross the edge.
 */
export function labelWidth(label: string, fontSize: number): number {
  let ems = 0;
  for (const ch of label) ems += ch === ',' || ch === '.' || ch === ' ' ? 0.32 : ch === '-' ? 0.4 : 0.64;
  return ems * fontSize;
}
