/** The studio's main window, as the e2e tests drive it: by what a person sees and clicks. */
import { expect, type Locator, type Page } from '@playwright/test';

export class StudioPage {
  constructor(readonly page: Page) {}

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.byTestId('connection-state')).toHaveText('connected');
  }

  async createProject(path: string, name: string): Promise<void> {
    await this.byTestId('project-path-input').fill(path);
    await this.byTestId('project-name-input').fill(name);
    await this.byTestId('create-project-button').click();
    await expect(this.byTestId('project-name')).toHaveText(name);
  }

  /** The first-start path: the demo project with its showcase run ready to start. */
  async openDemo(): Promise<void> {
    await this.byTestId('open-demo-button').click();
    await expect(this.byTestId('project-name')).toHaveText('Demo speaker');
  }

  /** A new run from the form; the motion autoencoder by default, the quickest thing that trains. */
  /** A run from the New run form; `plan` picks one of the recipe's own plans by name (default: its default). */
  async newRun(recipe: 'motion-autoencoder' | 'audio-to-motion' = 'motion-autoencoder', preset = 'tiny', dataset?: string, plan?: RegExp): Promise<void> {
    const runs = this.byTestId('run-item');
    const before = await runs.count();
    await this.byTestId('new-run-button').click();
    await this.byTestId('new-run-recipe').selectOption(recipe);
    await this.byTestId('new-run-preset').selectOption(preset);
    if (dataset) await this.byTestId('new-run-dataset').selectOption(dataset);
    if (plan) {
      const choice = this.byTestId('new-run-plan-choice');
      const label = (await choice.locator('option').allTextContents()).find((text) => plan.test(text));
      if (!label) throw new Error(`The New run form offers no plan matching ${plan}`);
      await choice.selectOption({ label });
    }
    await this.byTestId('new-run-create').click();
    await expect(runs).toHaveCount(before + 1);
    await runs.nth(before).click();
    await expect(this.byTestId('run-state')).toHaveText('idle');
  }

  /** Opens a project folder through the project switch (again, for the open one: the trainer reads its runs afresh from disk). */
  async openProject(path: string): Promise<void> {
    const switcher = this.byTestId('project-switch');
    if ((await switcher.count()) > 0 && (await switcher.getAttribute('open')) === null) await switcher.locator('summary').click();
    await this.byTestId('project-path-input').fill(path);
    await this.byTestId('open-project-button').click();
  }

  /** Imports a dataset folder through the Project panel (the report or an error follows). */
  async importDataset(folder: string): Promise<void> {
    if (!(await this.byTestId('dataset-path-input').isVisible())) await this.byTestId('import-dataset-toggle').click();
    await this.byTestId('dataset-path-input').fill(folder);
    await this.byTestId('import-dataset-button').click();
  }

  runItem(runId: string): Locator {
    return this.page.locator(`[data-testid="run-item"][data-run-id="${runId}"]`);
  }

  /** The run the controls and charts show: the pressed item in the runs list. */
  async activeRunId(): Promise<string> {
    return (await this.page.locator('[data-testid="run-item"][aria-pressed="true"]').getAttribute('data-run-id')) ?? '';
  }

  async step(): Promise<number> {
    return Number(await this.byTestId('step-counter').getAttribute('data-step'));
  }

  async lossPoints(): Promise<number> {
    return Number(await this.byTestId('loss-chart').getAttribute('data-points'));
  }

  /** Waits until the step counter passes `step`. */
  async waitForStepAbove(step: number): Promise<number> {
    await expect.poll(() => this.step(), { timeout: 60_000 }).toBeGreaterThan(step);
    return this.step();
  }

  async click(control: 'run-start' | 'run-pause' | 'run-resume' | 'run-stop' | 'run-continue'): Promise<void> {
    await this.byTestId(control).click();
  }

  async expectState(state: 'idle' | 'running' | 'paused' | 'stopped' | 'failed'): Promise<void> {
    await expect(this.byTestId('run-state')).toHaveText(state);
  }
}
