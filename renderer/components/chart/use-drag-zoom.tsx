/**
 * Drag across a chart to zoom every chart to that step range; double-click to zoom out.
 * The pixel → step mapping comes from the chart itself (PlotProbe reads its x scale), so it
 * stays right whatever the axis width or margins are.
 */
import { memo, useCallback, useEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { usePlotArea, useXAxisInverseScale, type PlotArea } from 'recharts';

interface Probe {
  inverse: (pixel: number) => unknown;
  plot: PlotArea;
}

/** Sits inside the chart and hands its x scale to the drag handler outside it. Memoised: a batch that leaves the scale alone passes it by. */
export const PlotProbe = memo(function PlotProbe({ probe }: { probe: RefObject<Probe | null> }) {
  const inverse = useXAxisInverseScale();
  const plot = usePlotArea();
  useEffect(() => {
    probe.current = inverse && plot ? { inverse, plot } : null;
  }, [probe, inverse, plot]);
  return null;
});

/** Where the pointer is over the plot: its step, its pixel from the chart's left, and which side it is on. */
export interface PointerAt {
  step: number;
  px: number;
  rightHalf: boolean;
}

/** A drag shorter than this is a click (e.g. on a marker), not a zoom. */
const MIN_DRAG_PX = 6;

export interface DragZoom {
  probe: RefObject<Probe | null>;
  /** The range being dragged over, for the highlight; null when not dragging. */
  selection: [number, number] | null;
  handlers: {
    onMouseDown(e: MouseEvent<HTMLElement>): void;
    onMouseMove(e: MouseEvent<HTMLElement>): void;
    onMouseUp(e: MouseEvent<HTMLElement>): void;
    onMouseLeave(): void;
    onDoubleClick(): void;
  };
}

/**
 * `onHover` hears where the pointer is (step and pixel) while it is not dragging, null when it leaves.
 */
export function useDragZoom(onZoom: (from: number, to: number) => void, onReset: () => void, onHover: (at: PointerAt | null) => void): DragZoom {
  const probe = useRef<Probe | null>(null);
  const start = useRef<PointerAt | null>(null);
  const [selection, setSelection] = useState<[number, number] | null>(null);

  const at = useCallback((e: MouseEvent<HTMLElement>): PointerAt | null => {
    const p = probe.current;
    const svg = e.currentTarget.querySelector('svg');
    if (!p || !svg) return null;
    const x = e.clientX - svg.getBoundingClientRect().left;
    const clamped = Math.min(p.plot.x + p.plot.width, Math.max(p.plot.x, x));
    const step = Number(p.inverse(clamped));
    return Number.isFinite(step) ? { px: x, step: Math.round(step), rightHalf: x > p.plot.x + p.plot.width * 0.6 } : null;
  }, []);

  const end = () => {
    start.current = null;
    setSelection(null);
  };

  return {
    probe,
    selection,
    handlers: {
      onMouseDown: (e) => {
        if (e.button !== 0) return;
        start.current = at(e);
      },
      onMouseMove: (e) => {
        const here = at(e);
        if (!start.current) return onHover(here);
        onHover(null);
        if (here && Math.abs(here.px - start.current.px) >= MIN_DRAG_PX) setSelection([start.current.step, here.step]);
      },
      onMouseUp: (e) => {
        const from = start.current;
        const to = from && at(e);
        end();
        if (from && to && Math.abs(to.px - from.px) >= MIN_DRAG_PX && to.step !== from.step) onZoom(Math.min(from.step, to.step), Math.max(from.step, to.step));
      },
      onMouseLeave: () => {
        end();
        onHover(null);
      },
      onDoubleClick: onReset,
    },
  };
}
