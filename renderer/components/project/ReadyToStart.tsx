import { activeRun } from '../../store/selectors';
import { useApp } from '../../store/store-context';

/** For a run that has not started: what it is and what pressing Start training will do. */
export function ReadyToStart() {
  const run = useApp((s) => activeRun(s.trainer));
  if (!run || run.state !== 'idle') return null;
  const first = run.plan.stages[0];
  return (
    <div className="ready-to-start" data-testid="ready-to-start">
      <strong>Ready to train “{run.name}”.</strong>{' '}
      <span>
        {run.recipe} · {run.preset} preset · dataset {run.dataset} · plan “{run.plan.name}” ({run.plan.stages.length} stages
        {first ? `, starting with “${first.name}”` : ''}).
      </span>{' '}
      <span className="muted">Press Start training: loss appears within seconds, likeness after the first evaluation; flip the switches on the left at any time.</span>
    </div>
  );
}
