import { useEffect, useRef } from 'react';
import { MAIN_BRANCH, type PreviewHistoryEntry } from '../../../trainer/protocol';
import { formatStep } from '../format';

interface Props {
  entries: PreviewHistoryEntry[];
  /** The history id on screen (undefined for a snapshot comparison or nothing yet). */
  shownId: string | undefined;
  following: boolean;
  onPick(id: string): void;
  onFollow(): void;
}

/** The same clip through training: one chip per kept preview, arrows to step through, "Latest" to follow new ones. */
export function HistoryStrip({ entries, shownId, following, onPick, onFollow }: Props) {
  const strip = useRef<HTMLDivElement>(null);
  const at = entries.findIndex((e) => e.id === shownId);

  // The current chip comes into view along the strip only: scrollIntoView would also scroll the
  // preview column to the strip with every new preview, taking the view away from the person.
  useEffect(() => {
    const chips = strip.current;
    const chip = chips?.querySelector('[aria-current="true"]');
    if (!chips || !chip) return;
    const box = chips.getBoundingClientRect();
    const at = chip.getBoundingClientRect();
    if (at.left < box.left) chips.scrollLeft -= box.left - at.left;
    else if (at.right > box.right) chips.scrollLeft += at.right - box.right;
  }, [shownId]);

  if (entries.length === 0) return null;
  const older = at > 0 ? entries[at - 1] : undefined;
  const newer = at >= 0 && at < entries.length - 1 ? entries[at + 1] : undefined;
  return (
    <div className="history-strip" data-testid="preview-history">
      <button aria-label="Older preview" disabled={!older} onClick={() => older && onPick(older.id)}>
        ◂
      </button>
      <div ref={strip} className="history-chips" role="list">
        {entries.map((entry) => (
          <button
            key={entry.id}
            role="listitem"
            data-testid="preview-history-item"
            data-step={entry.step}
            data-branch={entry.branch}
            aria-current={entry.id === shownId}
            title={`Step ${formatStep(entry.step)}${entry.branch === MAIN_BRANCH ? '' : ` on ${entry.branch}`} · ${new Date(entry.createdAt).toLocaleString()}`}
            onClick={() => onPick(entry.id)}
          >
            {formatStep(entry.step)}
            {entry.branch === MAIN_BRANCH ? '' : ` ${entry.branch}`}
          </button>
        ))}
      </div>
      <button aria-label="Newer preview" disabled={!newer} onClick={() => newer && onPick(newer.id)}>
        ▸
      </button>
      <button data-testid="preview-follow" disabled={following} onClick={onFollow} title="Show each new preview as it arrives">
        Latest
      </button>
    </div>
  );
}
