/** The size of an element, kept current with a ResizeObserver (read once on mount, then on every resize only). */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface Size {
  width: number;
  height: number;
}

export function useElementSize<T extends HTMLElement>(): [RefObject<T | null>, Size | null] {
  const ref = useRef<T | null>(null);
  const [size, setSize] = useState<Size | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = (width: number, height: number) =>
      setSize((old) => (old && old.width === width && old.height === height ? old : { width, height }));
    const box = element.getBoundingClientRect();
    update(Math.floor(box.width), Math.floor(box.height));
    const observer = new ResizeObserver(([entry]) => entry && update(Math.floor(entry.contentRect.width), Math.floor(entry.contentRect.height)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
