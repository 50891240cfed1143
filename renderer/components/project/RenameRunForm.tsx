import { useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../../trainer/protocol';

interface Props {
  run: RunSummary;
  disabled: boolean;
  onRename(name: string): void;
  onDone(): void;
}

/**
 * A run's name, edited where it stands in the list: Enter (or Save) renames, Escape cancels.
 * The id and folder stay; the list shows the new name when the trainer confirms it.
 */
export function RenameRunForm({ run, disabled, onRename, onDone }: Props) {
  const [name, setName] = useState(run.name);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  const trimmed = name.trim();
  const changed = trimmed !== '' && trimmed !== run.name;
  return (
    <form
      className="run-rename"
      data-testid="run-rename-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed) onRename(trimmed);
        onDone();
      }}
    >
      <input
        ref={input}
        data-testid="run-rename-input"
        aria-label={`New name for run ${run.name}`}
        value={name}
        maxLength={200}
        spellCheck={false}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onDone()}
      />
      <button type="submit" className="primary" data-testid="run-rename-save" disabled={disabled || !changed}>
        Save
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}
