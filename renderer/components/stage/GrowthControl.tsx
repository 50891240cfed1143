import { useState } from 'react';
import { growthLevelWords, riskSentence, type GrowthLevel, type RunSummary } from '../../../trainer/protocol';
import { activeRunData } from '../../store/selectors';
import { latestValue } from '../../store/latest-value';
import { useApp } from '../../store/store-context';
import { CameraGlyph } from '../controls/CameraGlyph';
import { useLiveControls } from '../controls/use-live-controls';

/**
 * Where a run built to grow stands (its level, the fade in progress, both as the trainer
 * logged them) and "Grow": the next level's layers join, the old ones lock, a snapshot first.
 * Unlocking the old layers again is the person's call, offered here once they are locked.
 */
export function GrowthControl({ run }: { run: RunSummary }) {
  const { controls, enabled, set } = useLiveControls();
  const metrics = useApp((s) => activeRunData(s.trainer).metrics);
  const [asking, setAsking] = useState(false);
  const levels = run.growthLevels;
  const growth = (controls ?? run.controls).growth;
  if (!levels || !growth) return null;
  const { level } = growth;
  const here = levels[level];
  const next = levels[level + 1];
  const alpha = latestValue(metrics, 'growth/alpha');
  const fading = alpha !== null && alpha < 1 && latestValue(metrics, 'growth/level') === level;
  const risk = riskSentence('growth.level');
  return (
    <div className="stage-growth" data-testid="growth" data-level={level}>
      <span>
        Growth: <b data-testid="growth-level">{here ? growthLevelWords(here) : `level ${level}`}</b>{' '}
        <span className="muted">
          (level <span className="num">{level + 1}</span> of <span className="num">{levels.length}</span>)
        </span>
        {fading && <span data-testid="growth-fade"> · fading in <span className="num">{Math.round(alpha * 100)}%</span></span>}
      </span>
      {next && !asking && (
        <button data-testid="grow" disabled={!enabled} title={risk} onClick={() => setAsking(true)}>
          Grow to {growthLevelWords(next)}…
          <CameraGlyph title={risk ?? ''} />
        </button>
      )}
      {next && asking && enabled && (
        <span className="growth-ask" data-testid="grow-ask">
          {growSentence(next, levels.slice(0, level + 1))}
          <button className="link" data-testid="grow-confirm" onClick={() => { set({ growth: { level: level + 1 } }); setAsking(false); }}>
            Grow
          </button>
          <button className="link" onClick={() => setAsking(false)}>
            Not now
          </button>
        </span>
      )}
      {!fading && <UnlockOldLevels run={run} />}
    </div>
  );
}

/**
 * "Unlock the old levels": the groups of the levels below the run's, locked when it grew, train
 * again (a snapshot first, as every unlock). Offered once they are locked, here and at a stage's hand-off.
 */
export function UnlockOldLevels({ run }: { run: RunSummary }) {
  const { controls, enabled, set } = useLiveControls();
  const applied = controls ?? run.controls;
  const level = applied.growth?.level ?? 0;
  const locked = (run.growthLevels ?? []).slice(0, level).flatMap((l) => l.groups).filter((g) => applied.locks[g]);
  if (locked.length === 0) return null;
  return (
    <button className="link" data-testid="unlock-old" disabled={!enabled} title={`Lets ${locked.join(', ')} train again beside the new level (a snapshot first).`} onClick={() => set({ locks: Object.fromEntries(locked.map((g) => [g, false])) })}>
      Unlock the old levels
    </button>
  );
}

function growSentence(next: GrowthLevel, below: readonly GrowthLevel[]): string {
  return `Grow to ${growthLevelWords(next)}? Adds ${next.groups.join(', ')}, locks ${below.flatMap((l) => l.groups).join(', ')}, takes a snapshot first. `;
}
