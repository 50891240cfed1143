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

/** `format` writes the label (the value axis; the step axis is StepTicks). */
export function axisTick(format: (value: number) => string) {
  // recharts hands the axis' own SVG props (fontSize among them) to the tick as well.
  return function AxisTick({ x, y, payload, textAnchor, verticalAnchor, fill, fontSize, className }: BaseTickContentProps & { fontSize?: number | string }) {
    return (
      <text x={x} y={y} dy={DY[verticalAnchor]} textAnchor={textAnchor} fill={fill} fontSize={fontSize} className={className}>
        {format(Number(payload.value))}
      </text>
    );
  };
}

/**
 * Where a label centred under x = `at` goes on a horizontal axis whose labels must end before
 * `right` (the chart's edge): centred if it fits, otherwise right-aligned to the edge, as
 * recharts' own interval did for the last label.
 */
export function placeLabel(label: string, at: number, right: number, fontSize: number): { x: number; textAnchor: 'middle' | 'end' } {
  return at + labelWidth(label, fontSize) / 2 > right ? { x: right, textAnchor: 'end' } : { x: at, textAnchor: 'middle' };
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
