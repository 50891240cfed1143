/**
 * The charts panel as the e2e tests drive it: read what is drawn from the SVG itself, switch the
 * window, zoom by dragging, and count the held points a view draws from.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class ChartsPanel {
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('loss-chart');
  }

  chart(id: string): Locator {
    return this.page.getByTestId(`chart-${id}`);
  }

  windowButton(window: 'all' | 5000 | 10000 | 50000): Locator {
    return this.page.getByTestId(`chart-window-${window}`);
  }

  async loggedStep(): Promise<number> {
    return Number(await this.panel.getAttribute('data-logged-step'));
  }

  /** Held points inside the shown step range: what the charts draw the view from. */
  async rangePoints(): Promise<number> {
    return Number(await this.panel.getAttribute('data-range-points'));
  }

  /** The step range every chart shows, as the panel reports it. */
  async range(): Promise<[number, number]> {
    const [from, to] = (await this.panel.getAttribute('data-range'))!.split(',').map(Number);
    return [from!, to!];
  }

  /** Vertices in every drawn line path of the panel: what the browser really draws. */
  async drawnVertices(): Promise<number> {
    return this.panel.locator('path.recharts-line-curve').evaluateAll((paths) =>
      paths.reduce((n, p) => n + (p.getAttribute('d')?.match(/[ML]/g)?.length ?? 0), 0),
    );
  }

  /** Drags across the loss chart's plot from one fraction of its width to another. */
  async dragZoom(fromFraction: number, toFraction: number): Promise<void> {
    const plot = this.chart('loss').locator('.recharts-cartesian-grid');
    const box = (await plot.boundingBox())!;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * fromFraction, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((fromFraction + toFraction) / 2), y, { steps: 4 });
    await this.page.mouse.move(box.x + box.width * toFraction, y, { steps: 4 });
    await this.page.mouse.up();
  }

  /** A group section of small charts ('smoothness', 'beat', …). */
  group(id: string): Locator {
    return this.page.locator(`[data-testid="chart-group"][data-group="${id}"]`);
  }

  /** The group ids in the order they are shown. */
  async groupIds(): Promise<string[]> {
    return this.page.getByTestId('chart-group').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-group') ?? ''));
  }

  /** Folds a group away or opens it again, by its header. */
  async toggleGroup(id: string): Promise<void> {
    await this.group(id).getByTestId('chart-group-toggle').click();
  }

  /** A chart's legend: the logged key of each series and the name it is shown under. */
  async legend(chartId: string): Promise<{ series: string; label: string }[]> {
    return this.chart(chartId)
      .getByTestId('chart-legend-entry')
      .evaluateAll((entries) => entries.map((e) => ({ series: e.getAttribute('data-series') ?? '', label: e.textContent ?? '' })));
  }

  /** Axis titles cut short because they do not fit beside their plot: a person could not read them. */
  async clippedAxisTitles(): Promise<string[]> {
    return this.panel
      .locator('[data-testid="chart-axis-y"], [data-testid="chart-axis-x"]')
      .evaluateAll((titles) => titles.filter((t) => t.scrollHeight > t.clientHeight + 1 || t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent ?? ''));
  }

  async expectWindow(window: 'all' | 5000 | 10000 | 50000): Promise<void> {
    await expect(this.windowButton(window)).toHaveAttribute('aria-pressed', 'true');
  }
}
