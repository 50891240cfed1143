import type { ReactElement } from 'react';
import type { BaseTickContentProps } from 'recharts';
import { describe, expect, it } from 'vitest';
import { formatStep } from '../format';
import { axisTick, placeLabel } from './AxisTick';

interface TextProps {
  x: number;
  textAnchor: string;
  children: string;
}

/** The props recharts hands a bottom-axis tick at pixel `x`. */
function tickAt(x: number, value: number) {
  return { x, y: 200, payload: { value, coordinate: x }, textAnchor: 'middle', verticalAnchor: 'start', fill: '#888', fontSize: 11 } as unknown as BaseTickContentProps;
}

function render(tick: ReturnType<typeof axisTick>, props: BaseTickContentProps): TextProps {
  return (tick(props) as ReactElement<TextProps>).props;
}

describe('axis tick labels', () => {
  it('centre a step label under its tick when it fits', () => {
    expect(placeLabel(formatStep(1_000_000), 400, 650, 11)).toEqual({ x: 400, textAnchor: 'middle' });
  });

  it('right-align the last step label to the chart edge instead of letting the edge cut it off', () => {
    expect(placeLabel(formatStep(1_000_000), 638, 650, 11)).toEqual({ x: 650, textAnchor: 'end' });
  });

  it('leave value labels where recharts puts them', () => {
    const label = render(axisTick((v) => v.toFixed(2)), { ...tickAt(48, 0.5), textAnchor: 'end' });
    expect(label).toMatchObject({ x: 48, textAnchor: 'end', children: '0.50' });
  });
});
