/**
 * The stage plan editor, as a person uses it: open it from the stage panel, type or load a plan,
 * read what is wrong with it, apply it and watch the stage panel take the trainer's answer.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class PlanEditor {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('plan-editor');
  }
  get text(): Locator {
    return this.page.getByTestId('plan-editor-text');
  }
  get error(): Locator {
    return this.page.getByTestId('plan-editor-error');
  }
  get apply(): Locator {
    return this.page.getByTestId('plan-editor-apply');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('edit-plan').click();
    await expect(this.dialog).toBeVisible();
  }

  /** The plan the editor holds, parsed (it opens with the run's own plan). */
  async plan(): Promise<{ name: string; stages: { name: string }[] }> {
    return JSON.parse(await this.text.inputValue()) as { name: string; stages: { name: string }[] };
  }

  /** Types the whole plan as JSON (the editor opens on its form: the JSON tab first). */
  async type(text: string): Promise<void> {
    await this.view('json');
    await this.text.fill(text);
  }

  async view(which: 'form' | 'json'): Promise<void> {
    await this.page.getByTestId(`plan-editor-view-${which}`).click();
  }

  /** Stage `index` of the plan form. */
  stage(index: number): Locator {
    return this.page.getByTestId('plan-form-stage').nth(index);
  }

  /** Picks a plan file, as the file chooser would; the file's text lands in the editor. */
  async loadFile(name: string, plan: unknown): Promise<void> {
    await this.page.getByTestId('plan-editor-load').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(plan, null, 2)) });
    await expect.poll(async () => JSON.parse(await this.text.inputValue()) as unknown).toEqual(plan);
  }

  /** Clicks "Save file" and returns the downloaded file's name and parsed content. */
  async save(): Promise<{ name: string; plan: unknown }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId('plan-editor-save').click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), plan: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  }

  /** Applies and waits for the trainer's plan/updated: the editor closes and the stage list names the plan's stages. */
  async applyAndWait(stageNames: string[]): Promise<void> {
    await expect(this.apply).toBeEnabled();
    await this.apply.click();
    await expect(this.dialog).toBeHidden({ timeout: 60_000 });
    await expect.poll(() => this.stageNames()).toEqual(stageNames);
  }

  /** The names of the stages the stage panel lists, in order. */
  async stageNames(): Promise<string[]> {
    return this.page.getByTestId('stage-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-name') ?? ''));
  }
}
