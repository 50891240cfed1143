/**
 * Commands about the project and its runs: open the demo, import a dataset, create a run from
 * a recipe + preset + plan, and show a run (fetching the history of one this window has not
 * seen yet, e.g. a run trained before the window opened). Answers arrive as events.
 */
import type { CommandInput, ControlsPatch, StagePlan } from '../../trainer/protocol';
import type { TrainerView } from './trainer-view';

type RunCreate = Extract<CommandInput, { type: 'run/create' }>;

export interface NewRunOptions {
  /** A recipe id from the trainer's hello (TrainerView.recipes); absent: the trainer's showcase. */
  recipe?: string;
  preset?: string;
  dataset?: string;
  /** Absent: the recipe's own default plan. */
  plan?: StagePlan;
  name?: string;
  /** Controls changed from the recipe's defaults (locks for the groups taken, say). */
  controls?: ControlsPatch;
  /** Layer groups of another run's snapshot to start from. */
  from?: RunCreate['from'];
}

export interface ProjectSlice {
  openDemo(): void;
  importDataset(path: string): void;
  createRun(options?: NewRunOptions): void;
  /** Makes a run the active one and asks for its history if this window has none of it. */
  showRun(runId: string): void;
}

/** metrics/get for a run that has logged steps but no points in this window. */
export function historyRequest(view: TrainerView, runId: string): CommandInput | null {
  const run = view.runs.find((r) => r.id === runId);
  if (!run || run.step === 0) return null;
  if ((view.runData[runId]?.metrics.length ?? 0) > 0) return null;
  return { type: 'metrics/get', runId, branch: run.branch };
}

export function projectSlice(send: (command: CommandInput) => void, view: () => TrainerView, select: (runId: string) => void): ProjectSlice {
  return {
    openDemo: () => send({ type: 'project/open-demo' }),
    importDataset: (path) => send({ type: 'dataset/import', path }),
    // No options: the trainer's showcase recipe at its default preset.
    createRun: (options = {}) =>
      send({
        type: 'run/create',
        ...(options.recipe ? { recipe: options.recipe } : {}),
        ...(options.preset ? { preset: options.preset } : {}),
        ...(options.dataset ? { dataset: options.dataset } : {}),
        ...(options.plan ? { plan: options.plan } : {}),
        ...(options.name ? { name: options.name } : {}),
        ...(options.controls ? { controls: options.controls } : {}),
        ...(options.from ? { from: options.from } : {}),
      }),
    showRun: (runId) => {
      select(runId);
      const request = historyRequest(view(), runId);
      if (request) send(request);
    },
  };
}
