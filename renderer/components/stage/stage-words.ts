import type { StageEnd } from '../../../trainer/protocol';
import { formatStep } from '../format';

/** What ends a stage, as a person says it. */
export function describeEnd(end: StageEnd): string {
  switch (end.type) {
    case 'steps':
      return `ends after ${formatStep(end.steps)} steps`;
    case 'plateau': {
      const bounds = [end.minSteps ? `after ${formatStep(end.minSteps)}` : '', end.maxSteps ? `by ${formatStep(end.maxSteps)} steps` : ''].filter(Boolean).join(', ');
      return `ends on a plateau of ${end.metric}${bounds ? ` (${bounds})` : ''}`;
    }
    case 'manual':
      return 'ends by hand';
  }
}

/** "312 / 2,000 steps" where the end is a step count; otherwise steps so far. */
export function describeProgress(end: StageEnd, stepsIn: number): string {
  if (end.type === 'steps') return `${formatStep(Math.min(stepsIn, end.steps))} / ${formatStep(end.steps)} steps`;
  if (end.type === 'plateau') return `${formatStep(stepsIn)} steps in · patience ${formatStep(end.patience)}`;
  return `${formatStep(stepsIn)} steps in`;
}
