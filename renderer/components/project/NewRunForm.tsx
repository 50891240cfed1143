import { useState, type ChangeEvent } from 'react';
import type { DatasetSummary, RecipeInfo, StagePlan } from '../../../trainer/protocol';
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
  const recipes = useApp((s) => s.trainer.recipes);
  const [recipeId, setRecipeId] = useState(() => recipes[0]?.id ?? '');
  const recipe: RecipeInfo | undefined = recipes.find((r) => r.id === recipeId) ?? recipes[0];
  const [presetName, setPreset] = useState<string | null>(null);
  // A preset belongs to its recipe: another recipe's (or none yet) falls back to this one's default.
  const preset = recipe?.presets.some((p) => p.name === presetName) ? presetName! : (recipe?.defaultPreset ?? '');
  const [dataset, setDataset] = useState(datasets.includes('demo') ? 'demo' : (datasets[0] ?? ''));
  const [plan, setPlan] = useState<{ plan: StagePlan; file: string } | null>(null);
  // One of the recipe's own plans (0: its default), unless a plan file is chosen.
  const [builtIn, setBuiltIn] = useState(0);
  const recipePlans = recipe?.plans ?? [];
  const chosenPlan = plan?.plan ?? (builtIn > 0 ? recipePlans[builtIn] : undefined);
  const [planError, setPlanError] = useState<string | null>(null);
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
        if (problem || !recipe) return;
        createRun({ recipe: recipe.id, preset, ...(dataset ? { dataset } : {}), ...(chosenPlan ? { plan: chosenPlan } : {}) });
        onDone();
      }}
    >
      <label className="field">
        <span className="label">Recipe</span>
        <select
          data-testid="new-run-recipe"
          value={recipe?.id ?? ''}
          onChange={(e) => {
            setRecipeId(e.target.value);
            // A plan file belongs to the recipe it was written for.
            setPlan(null);
            setBuiltIn(0);
          }}
        >
          {recipes.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="label">Preset</span>
        <select data-testid="new-run-preset" value={preset} onChange={(e) => setPreset(e.target.value)}>
          {(recipe?.presets ?? []).map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
              {p.cpu ? ' (CPU)' : ' (GPU)'}
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
          {plan || recipePlans.length < 2 ? (
            <span data-testid="new-run-plan" className="plan-choice-name">
              {plan ? plan.file : 'the recipe’s default plan'}
            </span>
          ) : (
            <select data-testid="new-run-plan-choice" aria-label="Plan" value={builtIn} onChange={(e) => setBuiltIn(Number(e.target.value))}>
              {recipePlans.map((p, i) => (
                <option key={i} value={i}>
                  {p.name}
                  {i === 0 ? ' (default)' : ''}
                </option>
              ))}
            </select>
          )}
          {plan && (
            <button type="button" className="link" onClick={() => setPlan(null)}>
              use {recipePlans.length > 1 ? 'a recipe plan' : 'default'}
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
        <button data-testid="new-run-create" type="submit" className="primary" disabled={!canCommand || !recipe || dataset === '' || problem !== undefined}>
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
