/** The runs list as a person uses it: pick a run, rename it in place, delete it after reading what goes. */
import { expect, type Locator, type Page } from '@playwright/test';

export class RunList {
  constructor(readonly page: Page) {}

  item(runId: string): Locator {
    return this.page.locator(`[data-testid="run-item"][data-run-id="${runId}"]`);
  }

  /** Selects the run, types the new name in place and presses Enter; waits for the trainer's answer to show. */
  async rename(runId: string, name: string): Promise<void> {
    await this.item(runId).click();
    await this.page.getByTestId('run-rename').click();
    await this.page.getByTestId('run-rename-input').fill(name);
    await this.page.getByTestId('run-rename-input').press('Enter');
    await expect(this.item(runId).locator('.run-item-name')).toHaveText(name);
  }

  /** Opens the delete confirmation for the run and returns it (not yet confirmed). */
  async askToDelete(runId: string): Promise<Locator> {
    await this.item(runId).click();
    await this.page.getByTestId('run-delete').click();
    const confirm = this.page.getByTestId('run-delete-confirm');
    await expect(confirm).toBeVisible();
    return confirm;
  }

  /** Confirms a delete asked for with askToDelete; waits until the run has left the list. */
  async confirmDelete(runId: string): Promise<void> {
    await this.page.getByTestId('run-delete-confirm-button').click();
    await expect(this.item(runId)).toHaveCount(0);
  }
}
