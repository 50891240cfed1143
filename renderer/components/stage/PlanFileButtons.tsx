import { useState, type ChangeEvent } from 'react';
import { downloadText, readFileText } from './plan-file';
import { planFileName, planNameIn } from './plan-text';

export interface PlanFileButtonsProps {
  /** The editor's text as it stands: what "Save file" writes, valid or not. */
  text: string;
  /** The file name when the text names no plan yet. */
  fallbackName: string;
  /** Puts a loaded file's text into the editor (it is checked there like typed text). */
  onLoad(text: string): void;
}

/** "Load file…" reads a plan JSON file into the editor; "Save file" downloads the text as "<plan name>.json". */
export function PlanFileButtons({ text, fallbackName, onLoad }: PlanFileButtonsProps) {
  const [readError, setReadError] = useState<string | null>(null);
  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    try {
      onLoad(await readFileText(file));
      setReadError(null);
    } catch (error) {
      setReadError(`Could not read “${file.name}”: ${(error as Error).message}. Pick the file again.`);
    } finally {
      // The same file picked again (after editing it on disk) must load again.
      input.value = '';
    }
  };
  return (
    <>
      <label className="file-button" title="Read a stage plan JSON file into the editor; nothing is sent until you apply.">
        <input data-testid="plan-editor-load" type="file" accept=".json" className="visually-hidden" onChange={load} />
        Load file…
      </label>
      <button data-testid="plan-editor-save" title="Download the text as a JSON file." onClick={() => downloadText(planFileName(planNameIn(text, fallbackName)), text)}>
        Save file
      </button>
      {readError && (
        <span data-testid="plan-editor-load-error" className="plan-editor-error" role="alert">
          {readError}
        </span>
      )}
    </>
  );
}
