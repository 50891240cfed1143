/**
 * The stage panel, the live controls and the chart markers, as a person drives them: flip a
 * control, then wait for the trainer to say at which step it applied and for the chart to mark it.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export type MarkKind = 'controls' | 'stage' | 'snapshot' | 'warning';

export class StagePanel {
  constructor(readonly page: Page) {}

  control(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  switchOf(testId: string): Locator {
    return this.control(testId).getByRole('switch');
  }

  sliderOf(testId: string): Locator {
    return this.control(testId).getByRole('slider');
  }

  /** The step the control last applied at, as the window shows it; null before any change. */
  async appliedStep(testId: string): Promise<number | null> {
    const value = await this.control(testId).getAttribute('data-applied-step');
    return value === null ? null : Number(value);
  }

  markers(kind?: MarkKind): Locator {
    return this.page.locator(kind ? `[data-testid="chart-marker"][data-kind="${kind}"]` : '[data-testid="chart-marker"]');
  }

  marker(kind: MarkKind, step: number): Locator {
    return this.page.locator(`[data-testid="chart-marker"][data-kind="${kind}"][data-step="${step}"]`);
  }

  async markerSteps(kind: MarkKind): Promise<number[]> {
    return this.markers(kind).evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-step'))));
  }

  async stageIndex(): Promise<number> {
    return Number(await this.control('stage-current').getAttribute('data-index'));
  }

  /**
   * Does `act`, then waits until the control reports a new applied step and the chart shows a
   * controls marker at that step. Returns the step.
   */
  async applyAndWait(testId: string, act: () => Promise<void>): Promise<number> {
    const before = await this.appliedStep(testId);
    await act();
    await expect.poll(() => this.appliedStep(testId), { message: `${testId} reports a new applied step`, timeout: 60_000 }).not.toBe(before);
    const step = (await this.appliedStep(testId))!;
    await expect(this.marker('controls', step).first()).toBeVisible();
    return step;
  }

  /** Flips a switch to `on` and waits until the trainer applied it; returns the step. */
  async flip(testId: string, on: boolean): Promise<number> {
    const button = this.switchOf(testId);
    await expect(button).toHaveAttribute('aria-checked', String(!on));
    await expect(button).toBeEnabled();
    const step = await this.applyAndWait(testId, () => button.click());
    await expect(button, `${testId} shows the applied state`).toHaveAttribute('aria-checked', String(on));
    return step;
  }

  /** Nudges a slider one notch up with the keyboard (one commit) and waits until it applied. */
  async nudgeUp(testId: string): Promise<number> {
    const slider = this.sliderOf(testId);
    const before = Number(await slider.inputValue());
    const step = await this.applyAndWait(testId, async () => {
      await slider.focus();
      await slider.press('ArrowRight');
    });
    await expect.poll(async () => Number(await slider.inputValue())).toBeGreaterThan(before);
    return step;
  }

  async choosePrecision(format: 'fp32' | 'bf16' | 'fp16'): Promise<number> {
    const button = this.control(`control-precision-${format}`);
    const step = await this.applyAndWait('control-precision', () => button.click());
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    return step;
  }

  async learningRate(): Promise<number> {
    return Number(await this.control('control-learning-rate').getByRole('spinbutton').inputValue());
  }

  /** Types a learning rate and presses Enter; waits until it applied. */
  async setLearningRate(value: number): Promise<number> {
    const input = this.control('control-learning-rate').getByRole('spinbutton');
    const step = await this.applyAndWait('control-learning-rate', async () => {
      await input.fill(String(value));
      await input.press('Enter');
    });
    await expect.poll(() => this.learningRate()).toBeCloseTo(value, 12);
    return step;
  }

  /** The typed field of a control (batch size, weight decay, milestones…). */
  field(testId: string): Locator {
    return this.control(testId).locator('input');
  }

  /**
   * Types `value` into a control's field and presses Enter; waits until it applied and the field
   * shows the applied value (`shown`, when the studio writes it differently). Returns the step.
   */
  async enter(testId: string, value: string, shown = value): Promise<number> {
    const input = this.field(testId);
    await expect(input).toBeEnabled();
    const step = await this.applyAndWait(testId, async () => {
      await input.fill(value);
      await input.press('Enter');
    });
    await expect(input, `${testId} shows the applied value`).toHaveValue(shown);
    return step;
  }

  /** "Re-init…" on a layer group, asked once more and confirmed; waits for the chart's marker and returns its step. */
  async reinit(group: string): Promise<number> {
    const marks = this.page.locator(`[data-testid="chart-marker"][data-kind="controls"][data-label="re-init ${group}"]`);
    const before = await marks.count();
    await this.page.getByTestId(`reinit-${group}`).click();
    await expect(this.page.getByTestId(`reinit-ask-${group}`)).toContainText(`Re-init ${group}?`);
    await this.page.getByTestId(`reinit-confirm-${group}`).click();
    // Every chart draws the marker: any new one will do.
    await expect.poll(() => marks.count(), { message: `a "re-init ${group}" marker`, timeout: 60_000 }).toBeGreaterThan(before);
    return Number(await marks.last().getAttribute('data-step'));
  }

  /** "Grow to …" in the stage panel, asked once more and confirmed; waits for the chart's marker and returns its step. */
  async grow(to: string): Promise<number> {
    const marks = this.page.locator(`[data-testid="chart-marker"][data-kind="controls"][data-label^="grow to ${to}"]`);
    const before = await marks.count();
    await this.control('grow').click();
    await expect(this.control('grow-ask')).toContainText(`Grow to ${to}?`);
    await this.control('grow-confirm').click();
    await expect.poll(() => marks.count(), { message: `a "grow to ${to}" marker`, timeout: 60_000 }).toBeGreaterThan(before);
    return Number(await marks.last().getAttribute('data-step'));
  }

  /** Expects a snapshot marker taken at or after `since` and no later than the change at `step`. */
  async expectSnapshotBefore(step: number, since: number): Promise<void> {
    await expect
      .poll(async () => (await this.markerSteps('snapshot')).some((s) => s >= since && s <= step), {
        message: `a snapshot marker between step ${since} and ${step}`,
      })
      .toBe(true);
  }

  async nextStage(): Promise<{ index: number; step: number }> {
    const before = await this.stageIndex();
    const stagesBefore = await this.markerSteps('stage');
    await this.control('next-stage').click();
    await expect.poll(() => this.stageIndex(), { timeout: 60_000 }).toBe(before + 1);
    await expect.poll(async () => (await this.markerSteps('stage')).length).toBeGreaterThan(stagesBefore.length);
    const step = Math.max(...(await this.markerSteps('stage')));
    return { index: before + 1, step };
  }
}
