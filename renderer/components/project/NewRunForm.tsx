import { useState, type ChangeEvent } from 'react';
import type { DatasetSummary, StagePlan } from '../../../trainer/protocol';
import { RECIPES, type RecipeId } from '../../store/project-slice';
import { useApp, useCanCommand } from '../../store/store-context';
import { readFileText } from '../stage/plan-file';
import { checkPlanText } from '../stage/plan-text';

/**
 * A run from a recipe + preset + dataset + plan (the recipe's default, or a plan JSON file). A
 * dataset no run can train on (too few clips) is refused here with the trainer's own sentence,
 * the one run/create would answer with.
 */
export function NewRunForm({ onDone }: { onDone(): void }) {
  const datasets = useApp((s) => s.trainer.project?.datasets ?? NONE);
  const details = useApp((s) => s.trainer.project?.datasetDetails ?? NO_DETAILS);
  const createRun = useApp((s) => s.createRun);
  const canCommand = useCanCommand();
  const [recipe, setRecipe] = useState<RecipeId>('audio-to-motion');
  const [preset, setPreset] = useState('tiny');
  const [dataset, setDataset] = useState(datasets.includes('demo') ? 'demo' : (datasets[0] ?? ''));
  const [plan, setPlan] = useState<{ plan: StagePlan; file: string } | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const presets = RECIPES.find((r) => r.id === recipe)!.presets as readonly string[];
  const chosen = details.find((d) => d.name === dataset);
  const problem = chosen?.problem;

  const loadPlan = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const checked = checkPlanText(await readFileText(file));
      if (checked.ok) {
        setPlan({ plan: checked.plan, file: file.name });
        setPlanError(null);
      } else {
        setPlan(null);
        setPlanError(`“${file.name}” is not a stage plan: ${checked.message} The default plan stays selected.`);
      }
    } catch (error) {
      setPlanError(`Could not read “${file.name}”: ${(error as Error).message}. Pick the file again.`);
    }
  };

  return (
    <form
      data-testid="new-run-form"
      className="new-run-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (problem) return;
        createRun({ recipe, preset, ...(dataset ? { dataset } : {}), ...(plan ? { plan: plan.plan } : {}) });
        onDone();
      }}
    >
      <label className="field">
        <span className="label">Recipe</span>
        <select
          data-testid="new-run-recipe"
          value={recipe}
          onChange={(e) => {
            const next = e.target.value as RecipeId;
            setRecipe(next);
            if (!(RECIPES.find((r) => r.id === next)!.presets as readonly string[]).includes(preset)) setPreset('tiny');
            // A plan file belongs to the recipe it was written for.
            setPlan(null);
          }}
        >
          {RECIPES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="label">Preset</span>
        <select data-testid="new-run-preset" value={preset} onChange={(e) => setPreset(e.target.value)}>
          {presets.map((p) => (
            <option key={p} value={p}>
              {p}
              {p === 'tiny' ? ' (CPU)' : ' (GPU)'}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="label">Dataset</span>
        <select data-testid="new-run-dataset" value={dataset} onChange={(e) => setDataset(e.target.value)}>
          {datasets.map((d) => {
            const clips = details.find((x) => x.name === d)?.clips;
            return (
              <option key={d} value={d}>
                {d}
                {clips ? ` (${clips.train} train, ${clips.validation} validation)` : ''}
              </option>
            );
          })}
        </select>
      </label>
      {problem && (
        <p className="dataset-problem" role="alert" data-testid="new-run-dataset-problem">
          {problem}
        </p>
      )}
      <div className="field">
        <span className="label">Plan</span>
        <div className="button-row plan-choice">
          <span data-testid="new-run-plan" className="plan-choice-name">
            {plan ? plan.file : 'the recipe’s default plan'}
          </span>
          {plan && (
            <button type="button" className="link" onClick={() => setPlan(null)}>
              use default
            </button>
          )}
          <label className="file-button" title="A stage plan JSON file (as the plan editor saves it)">
            <input data-testid="new-run-plan-file" type="file" accept=".json" className="visually-hidden" onChange={loadPlan} />
            Plan file…
          </label>
        </div>
        {planError && (
          <p className="field-error" role="alert">
            {planError}
          </p>
        )}
      </div>
      <div className="button-row">
        <button data-testid="new-run-create" type="submit" className="primary" disabled={!canCommand || dataset === '' || problem !== undefined}>
          Create run
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {dataset === '' && <p className="hint">This project has no dataset yet: import one above.</p>}
    </form>
  );
}

const NONE: string[] = [];
const NO_DETAILS: DatasetSummary[] = [];
