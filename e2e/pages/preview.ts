/** The motion preview as a person uses it: watch the grid of clips, play with sound, scrub, move the camera, enlarge, step through history, compare snapshots. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The few DOM canvas members the pixel read-back uses (e2e code compiles without the DOM library). */
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { drawImage(source: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

export class PreviewPanel {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('preview-panel');
  }

  get canvas(): Locator {
    return this.panel.getByTestId('preview-canvas');
  }

  byTestId(id: string): Locator {
    return this.panel.getByTestId(id);
  }

  /** The step of the preview on screen (a training preview, not a comparison). */
  async shownStep(): Promise<number | null> {
    const step = await this.panel.getAttribute('data-step');
    return step === null ? null : Number(step);
  }

  async waitForStep(where: (step: number) => boolean, message: string): Promise<number> {
    await expect.poll(async () => {
      const step = await this.shownStep();
      return step !== null && where(step);
    }, { timeout: 60_000, message }).toBe(true);
    return (await this.shownStep())!;
  }

  async bones(): Promise<number> {
    return Number(await this.canvas.getAttribute('data-bones'));
  }

  async frame(): Promise<number> {
    return Number(await this.canvas.getAttribute('data-frame'));
  }

  async seconds(): Promise<number> {
    return Number(await this.byTestId('preview-time').getAttribute('data-seconds'));
  }

  /**
   * Reads the WebGL canvas back and counts pixels near each colour: proof that something was
   * drawn, and what (the accent for generated motion, light grey for ground truth).
   */
  async pixelCounts(colors: Record<string, [number, number, number]>): Promise<Record<string, number>> {
    return this.canvas.locator('canvas').evaluate((canvas, wanted) => {
      const page = globalThis as unknown as { document: { createElement(tag: 'canvas'): PageCanvas } };
      const copy = page.document.createElement('canvas');
      const source = canvas as unknown as PageCanvas;
      copy.width = source.width;
      copy.height = source.height;
      const g = copy.getContext('2d')!;
      g.drawImage(canvas, 0, 0);
      const data = g.getImageData(0, 0, copy.width, copy.height).data;
      const counts: Record<string, number> = {};
      for (const [name, [r, gr, b]] of Object.entries(wanted)) {
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - gr) + Math.abs(data[i + 2]! - b) < 60) n++;
        counts[name] = n;
      }
      return counts;
    }, colors);
  }

  async play(): Promise<void> {
    await this.byTestId('preview-play').click();
    await expect(this.byTestId('preview-playback')).toHaveAttribute('data-playing', 'true');
  }

  async pause(): Promise<void> {
    await this.byTestId('preview-play').click();
    await expect(this.byTestId('preview-playback')).toHaveAttribute('data-playing', 'false');
  }

  async scrubTo(seconds: number): Promise<void> {
    await this.byTestId('preview-scrub').fill(String(seconds));
  }

  historyItems(): Locator {
    return this.panel.getByTestId('preview-history-item');
  }

  /** Each history chip as `step@branch`, oldest first: the strip of the branch being viewed. */
  async historyChips(): Promise<{ step: number; branch: string }[]> {
    return this.historyItems().evaluateAll((items) =>
      items.map((item) => {
        const el = item as unknown as { getAttribute(name: string): string | null };
        return { step: Number(el.getAttribute('data-step')), branch: el.getAttribute('data-branch') ?? '' };
      }),
    );
  }

  /** The branch of the preview on screen. */
  async shownBranch(): Promise<string | null> {
    return this.panel.getAttribute('data-branch');
  }

  /** The grid's tiles: one per validation clip of the preview. */
  tiles(): Locator {
    return this.panel.getByTestId('preview-tile');
  }

  tile(clip: string): Locator {
    return this.panel.locator(`[data-testid="preview-tile"][data-clip="${clip}"]`);
  }

  /** Each tile's clip and the words under it, in grid order. */
  async tileNumbers(): Promise<{ clip: string; likeness: string; wobble: string; wobbleTitle: string }[]> {
    const tiles = await this.tiles().all();
    return Promise.all(
      tiles.map(async (tile) => ({
        clip: (await tile.getAttribute('data-clip')) ?? '',
        likeness: await tile.getByTestId('preview-tile-likeness').innerText(),
        wobble: await tile.getByTestId('preview-tile-wobble').innerText(),
        wobbleTitle: (await tile.getByTestId('preview-tile-wobble').getAttribute('title')) ?? '',
      })),
    );
  }

  /** The big view's camera position and target, as the scene last drew them. */
  async camera(): Promise<string | null> {
    return this.canvas.getAttribute('data-camera');
  }

  /** Orbits the big view: a drag across it. */
  async orbit(): Promise<void> {
    const box = (await this.canvas.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + 80, y + 20, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Zooms the big view in with the wheel. */
  async zoom(): Promise<void> {
    const box = (await this.canvas.boundingBox())!;
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.wheel(0, -400);
  }

  async compare(a: string, b: string): Promise<void> {
    await this.byTestId('preview-compare-a').selectOption(a);
    await this.byTestId('preview-compare-b').selectOption(b);
    await this.byTestId('preview-compare-button').click();
    await expect(this.panel).toHaveAttribute('data-comparing', 'ready', { timeout: 60_000 });
  }
}
