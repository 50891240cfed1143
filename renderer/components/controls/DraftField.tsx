import { useEffect, useState } from 'react';
import type { Parsed } from './number-draft';

export interface DraftFieldProps<T> {
  label: string;
  /** The applied value: what the field shows whenever nobody is typing. */
  value: T;
  format(value: T): string;
  parse(text: string): Parsed<T>;
  disabled: boolean;
  onCommit(value: T): void;
  /** 'number' for one value (a spin button), 'text' for a list. */
  kind?: 'number' | 'text';
  placeholder?: string;
}

/**
 * A typed value that applies on Enter or when the field loses focus; Escape puts the applied
 * value back. Only what is being typed is local: the field otherwise shows what the trainer
 * applied, and a value it cannot send says why beside the field.
 */
export function DraftField<T>({ label, value, format, parse, disabled, onCommit, kind = 'number', placeholder }: DraftFieldProps<T>) {
  const [draft, setDraft] = useState<string | null>(null);
  // A disabled field (the run stopped) or a newly applied value (a stage, another window) shows
  // what the trainer holds: a draft left behind could otherwise never be cleared or would hide it.
  const shown = format(value);
  useEffect(() => setDraft(null), [disabled, shown]);
  const parsed = draft === null ? null : parse(draft);
  const commit = () => {
    if (draft === null || !parsed) return;
    if (!parsed.ok) return; // keep the draft: the problem stays on screen until it is fixed or Escape
    setDraft(null);
    if (format(parsed.value) !== format(value)) onCommit(parsed.value);
  };
  const problem = parsed && !parsed.ok ? parsed.problem : null;
  return (
    <span className="draft-field">
      <input
        type={kind === 'number' ? 'number' : 'text'}
        className={`num number-input${kind === 'text' ? ' list-input' : ''}`}
        aria-label={label}
        aria-invalid={problem !== null}
        title={problem ?? undefined}
        step={kind === 'number' ? 'any' : undefined}
        placeholder={placeholder}
        spellCheck={false}
        value={draft ?? format(value)}
        disabled={disabled}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      {problem && (
        <span className="field-problem" role="status">
          {problem}
        </span>
      )}
    </span>
  );
}
