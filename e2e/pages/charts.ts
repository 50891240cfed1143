/**
 * The charts panel as the e2e tests drive it: read what is drawn from the SVG itself, switch the
 * window, zoom by dragging, and (for the long-run test) feed logged steps into the renderer
 * through its development feed, which applies them exactly as the transport delivers them.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface FeedOptions {
  runId: string;
  /** First step to log (1-based) and how many steps. */
  from: number;
  count: number;
  /** Points per metrics/batch event; the trainer sends at most 500. */
  batch: number;
  /** Steps whose loss is logged as non-finite (null), drawn as gaps. */
  nonFinite: number[];
  /** GAN losses are logged from this step on (GAN switched on). */
  ganFrom: number;
  /**
   * What each evaluation (every 250 steps) reports: 'autoencoder' (val/recon, val/joint_error_pct),
   * or 'audio-to-motion', every key that recipe's evaluation logs or is about to: the named
   * likeness series and the headline copying one of them, codebook, validation, smooth/* and beat/*.
   */
  evaluation?: 'autoencoder' | 'audio-to-motion';
  /** From this step on the generator trains instead of the tokenizer: the loss is its token cross-entropy (~3), the headline its likeness. */
  generatorFrom?: number;
}

export interface UpdateTiming {
  /** Dispatch of one batch → the charts' DOM updated and laid out, in ms. */
  updateMs: number;
  /** Dispatch → the next animation frame after that (the frame that shows it), in ms. */
  frameMs: number;
}

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

  /** Logs `count` steps through window.__stagecraftFeed, batch by batch, in one browser task; returns every key it logged. */
  async feed(options: FeedOptions): Promise<string[]> {
    return this.page.evaluate((o) => {
      const logged = new Set<string>();
      const feed = (globalThis as unknown as PageGlobals).__stagecraftFeed;
      if (!feed) throw new Error('no dev feed: open the page with &dev-feed');
      const gaps = new Set(o.nonFinite);
      const generatorFrom = o.generatorFrom ?? Infinity;
      for (let start = o.from; start < o.from + o.count; start += o.batch) {
        const points = [];
        for (let step = start; step < Math.min(start + o.batch, o.from + o.count); step++) {
          const generating = step >= generatorFrom;
          // The tokenizer's loss falls towards ~0.05; the generator's cross-entropy starts near 3.
          const loss = generating ? 1.2 + 2 / (1 + (step - generatorFrom) / 2000) + 0.1 * Math.sin(step * 0.37) : 0.05 + 2 / (1 + step / 20_000) + 0.08 * Math.sin(step * 0.37);
          const terms: Record<string, number> = generating
            ? { 'loss/tokens': loss }
            : { 'loss/recon': loss * 0.7, 'loss/velocity': loss * 0.2 + 0.01 * Math.cos(step * 0.11), ...(o.evaluation === 'audio-to-motion' ? { 'loss/commit': loss * 0.1 } : {}) };
          const values: Record<string, number | null> = {
            loss: gaps.has(step) ? null : loss,
            ...terms,
            lr: 2e-4 * Math.min(1, step / 2000),
            stepsPerSec: 6 + Math.sin(step / 900),
          };
          if (o.evaluation === 'audio-to-motion') values.gradNorm = 1 + 0.5 * Math.abs(Math.sin(step / 40));
          if (step >= o.ganFrom) Object.assign(values, { 'gan/d_loss': 0.69 + 0.05 * Math.sin(step / 50), 'gan/g_adv': 0.7 + 0.05 * Math.cos(step / 70) });
          if (step % 10 === 0) Object.assign(values, { 'mem/rssMB': 400 + step / 10_000, 'mem/tensorMB': 24 });
          if (step % 250 === 0 && o.evaluation === 'audio-to-motion') Object.assign(values, audioToMotionEvaluation(step, generating));
          else if (step % 250 === 0) Object.assign(values, { 'val/recon': loss * 0.8, 'val/joint_error_pct': 100 * loss * 0.05 });
          points.push({ step, time: step / 6, values });
          for (const key in values) logged.add(key);
        }
        feed.dispatch({ type: 'metrics/batch', runId: o.runId, points });
      }
      return [...logged].sort();

      /** One evaluation of the audio-to-motion recipe at `step`, with made-up but plausible values. */
      function audioToMotionEvaluation(step: number, generating: boolean): Record<string, number> {
        const t = step / (o.from + o.count);
        const tokenizer = 60 + 30 * t;
        const generator = generating ? 20 + 45 * t : 2 + 3 * t;
        return {
          'val/recon': 0.05 + 0.2 * (1 - t),
          'val/tokenizer_likeness': tokenizer,
          'val/codebook_usage': 0.4 + 0.5 * t,
          'val/perplexity': 40 - 30 * t,
          'val/token_accuracy': 0.1 + 0.4 * t,
          'val/fd_g': 0.01 * (1.2 - t),
          'val/fd_k': 0.5 * (1.2 - t),
          'val/diversity': 0.3 + 0.2 * t,
          'val/beat_align': 0.2 + 0.1 * t,
          'val/generator_likeness': generator,
          // The headline copies the series of the part being trained.
          likeness: generating ? generator : tokenizer,
          'smooth/recon_hf_share': 12 - 4 * t,
          'smooth/generated_hf_share': 20 - 10 * t,
          'smooth/truth_hf_share': 8,
          'smooth/recon_hf_ratio': 1.5 - 0.4 * t,
          'smooth/generated_hf_ratio': 2.5 - 1.2 * t,
          'smooth/recon_jerk_ratio': 1.4 - 0.3 * t,
          'smooth/generated_jerk_ratio': 2.2 - t,
          'smooth/recon_jerk': 30 - 8 * t,
          'smooth/generated_jerk': 45 - 20 * t,
          'smooth/truth_jerk': 22,
          'beat/align': 0.2 + 0.1 * t,
          'beat/align_shifted': 0.18,
          'beat/align_gain': 0.02 + 0.1 * t,
          'beat/truth_align': 0.34,
          'beat/truth_align_shifted': 0.19,
          'beat/truth_align_gain': 0.15,
          'beat/speed_loudness_r': 0.05 + 0.3 * t,
          'beat/truth_speed_loudness_r': 0.42,
        };
      }
    }, options);
  }

  /** Marks on the timeline, delivered as the trainer's own events would bring them. */
  async feedWarning(runId: string, step: number, message: string): Promise<void> {
    await this.page.evaluate(([runId, step, message]) => {
      (globalThis as unknown as PageGlobals).__stagecraftFeed!.dispatch({ type: 'warning', runId, step, code: 'non-finite', message });
    }, [runId, step, message] as const);
  }

  /**
   * Dispatches one more 500-step batch and times, in the browser, how long until the charts
   * show it: a MutationObserver sees the panel's newest step change (React has committed),
   * layout is forced, then the next animation frame is awaited.
   */
  async timeOneBatch(runId: string, from: number): Promise<UpdateTiming> {
    return this.page.evaluate(
      ([runId, from]) =>
        new Promise<UpdateTiming>((resolve) => {
          const page = globalThis as unknown as PageGlobals;
          const panel = page.document.querySelector('[data-testid="loss-chart"]')!;
          const last = from + 499;
          const points = Array.from({ length: 500 }, (_, i) => ({
            step: from + i,
            time: (from + i) / 6,
            values: { loss: 0.1 + 0.01 * Math.sin(from + i), 'loss/recon': 0.07, 'loss/velocity': 0.02, lr: 2e-4, stepsPerSec: 6, 'gan/d_loss': 0.69, 'gan/g_adv': 0.7 },
          }));
          const observer = new page.MutationObserver(() => {
            if (panel.getAttribute('data-logged-step') !== String(last)) return;
            observer.disconnect();
            panel.getBoundingClientRect();
            const updateMs = performance.now() - t0;
            page.requestAnimationFrame(() => setTimeout(() => resolve({ updateMs, frameMs: performance.now() - t0 }), 0));
          });
          observer.observe(panel, { attributes: true, attributeFilter: ['data-logged-step'] });
          const t0 = performance.now();
          page.__stagecraftFeed!.dispatch({ type: 'metrics/batch', runId, points });
        }),
      [runId, from] as const,
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

/** The few browser globals the page functions above use (e2e compiles without the DOM library). */
interface PageGlobals {
  __stagecraftFeed?: { dispatch(event: unknown): void };
  document: { querySelector(selector: string): PageElement | null };
  MutationObserver: new (callback: () => void) => { observe(target: PageElement, options: object): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): number;
}

interface PageElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): unknown;
}
