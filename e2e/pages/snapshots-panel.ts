/** The snapshots panel as a person uses it: take one, find it in the list, restore it, switch branches. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SnapshotsPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('snapshots-panel');
  }

  rows(reason?: string | RegExp): Locator {
    const rows = this.panel.getByTestId('snapshot-row');
    if (reason === undefined) return rows;
    return typeof reason === 'string' ? this.panel.locator(`[data-testid="snapshot-row"][data-reason="${reason}"]`) : rows.filter({ has: this.page.locator('.snapshot-reason', { hasText: reason }) });
  }

  async stepOf(row: Locator): Promise<number> {
    return Number(await row.getAttribute('data-step'));
  }

  /** One click (after typing its label, if given); waits until the trainer has written it and the list shows it. Returns its row. */
  async take(label?: string): Promise<Locator> {
    const manual = this.rows('manual');
    const before = await manual.count();
    if (label !== undefined) await this.panel.getByTestId('snapshot-label').fill(label);
    await this.panel.getByTestId('snapshot-take').click();
    await expect(manual).toHaveCount(before + 1, { timeout: 30_000 });
    return manual.first();
  }

  /** Restores into the running run as a new branch (the default choice). */
  async restoreAsBranch(row: Locator): Promise<void> {
    await row.getByTestId('snapshot-restore').click();
    await row.getByTestId('snapshot-restore-branch').click();
  }

  /** "New run from here…" on a row, taking only `groups` (optionally locked); submits the form. */
  async newRunFrom(row: Locator, groups: readonly string[], { lock = false } = {}): Promise<void> {
    await row.getByTestId('snapshot-new-run').click();
    const form = row.getByTestId('new-run-from-form');
    await expect(form).toBeVisible();
    for (const box of await form.locator('[data-testid^="new-run-from-group-"]').all()) {
      const group = (await box.getAttribute('data-testid'))!.replace('new-run-from-group-', '');
      await box.setChecked(groups.includes(group));
    }
    await form.getByTestId('new-run-from-lock').setChecked(lock);
    await form.getByTestId('new-run-from-create').click();
    await expect(form).toBeHidden();
  }

  /** "Export BVH" on a row; waits (generation takes a while on wasm) for the path the trainer wrote and returns it. */
  async exportBvh(row: Locator): Promise<string> {
    await row.getByTestId('snapshot-export-bvh').click();
    const path = row.getByTestId('snapshot-export-path');
    await expect(path).toBeVisible({ timeout: 120_000 });
    await expect(row.getByTestId('snapshot-export-bvh')).toHaveText('Export BVH');
    return (await path.textContent()) ?? '';
  }

  get branchSelect(): Locator {
    return this.panel.getByTestId('branch-select');
  }

  async branchNames(): Promise<string[]> {
    return this.branchSelect.locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
  }

  async viewBranch(name: string): Promise<void> {
    await this.branchSelect.selectOption(name);
  }
}
