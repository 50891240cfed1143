import { useEffect, useRef, useState } from 'react';

export interface SliderProps {
  label: string;
  /** The applied value: where the thumb rests whenever nobody is dragging it. */
  value: number;
  min: number;
  max: number;
  step: number;
  disabled: boolean;
  format(value: number): string;
  onCommit(value: number): void;
}

/**
 * A range input that sends once per gesture (the native `change`, on release or per key
 * press), not on every pixel of a drag; while dragging it shows where it would go.
 */
export function Slider({ label, value, min, max, step, disabled, format, onCommit }: SliderProps) {
  const [draft, setDraft] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef({ value, onCommit });
  useEffect(() => {
    latest.current = { value, onCommit };
  }, [value, onCommit]);
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    // React's onChange is the DOM's `input`; the commit we want is the DOM's own `change`.
    const commit = () => {
      const next = Number(el.value);
      setDraft(null);
      if (Number.isFinite(next) && next !== latest.current.value) latest.current.onCommit(next);
    };
    el.addEventListener('change', commit);
    return () => el.removeEventListener('change', commit);
  }, []);
  return (
    <span className="slider">
      <input
        ref={input}
        type="range"
        aria-label={label}
        min={min}
        max={max}
        step={step}
        value={draft ?? value}
        disabled={disabled}
        onChange={(e) => setDraft(Number(e.target.value))}
      />
      <span className="slider-value num">
        {format(value)}
        {draft !== null && draft !== value && <span className="muted"> → {format(draft)}</span>}
      </span>
    </span>
  );
}
