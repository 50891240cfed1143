/**
 * A full disk under the metrics log pauses the run with a sentence instead of failing it; the
 * log never holds half a line; once space is freed, Resume writes the points that waited and
 * training goes on with no step lost or repeated. The run's folder is a small tmpfs mounted for
 * this test (needs root); where that cannot be made the test is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPoint } from '../protocol.js';
import type { EventPeer } from '../testing/event-peer.js';
import { startTestTrainer, type TestTrainer } from '../testing/trainer-process.js';

const cannot = process.platform !== 'linux' ? `tmpfs mounts need Linux, this is ${process.platform}` : process.getuid?.() !== 0 ? 'mounting a size-limited tmpfs needs root' : null;

let trainer: TestTrainer;
let peer: EventPeer;
let mounted: string | null = null;

beforeAll(async () => {
  if (cannot) return;
  trainer = await startTestTrainer('metrics-full');
  ({ peer } = trainer);
});
afterAll(async () => {
  if (cannot) return;
  if (mounted) execFileSync('umount', ['-l', mounted]);
  await trainer.stop();
});

describe.skipIf(cannot !== null)(`a full disk under the metrics log${cannot ? ` (skipped: ${cannot})` : ''}`, () => {
  it('pauses with a sentence, never tears a line, and resumes after space is freed with nothing lost', async () => {
    await peer.request({ type: 'project/create', path: 'full', name: 'Full', withDemo: true }, 'project/opened');
    const plan = { name: 'by hand', stages: [{ name: 'free', controls: {}, end: { type: 'manual' } }] };
    const { run } = await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 4, plan }, 'run/created');
    const runDir = join(trainer.dir, 'full', 'runs', run.id);
    const keep = mkdtempSync(join(tmpdir(), 'stagecraft-runjson-'));
    copyFileSync(join(runDir, 'run.json'), join(keep, 'run.json'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', runDir], { stdio: 'pipe' });
    mounted = runDir;
    copyFileSync(join(keep, 'run.json'), join(runDir, 'run.json'));
    rmSync(keep, { recursive: true, force: true });
    await peer.request({ type: 'preview/interval', runId: run.id, everySteps: 0 }, 'preview/history');
    // Leave room for a few dozen points (tmpfs gives each new file a 4 KiB page: the TensorBoard
    // file and the sessions record take two of them before the first point is written).
    const free = () => Number(statfsSync(runDir).bavail) * Number(statfsSync(runDir).bsize);
    const filler = join(runDir, 'filler');
    writeFileSync(filler, Buffer.alloc(free() - 20 * 1024));

    await peer.request({ type: 'run/start', runId: run.id }, 'run/state');
    const full = await peer.next('error', (e) => /The disk is full/.test(e.message), { timeoutMs: 90_000 });
    expect(full.message).toMatch(new RegExp(`^The disk is full: run '${run.name}' could not write its metrics log \\('.*metrics\\.jsonl'\\)\\. The run is paused with \\d+ points waiting in memory; free some space and press Resume\\. Nothing logged so far is lost\\.$`));
    const paused = await peer.next('run/state', (e) => e.run.id === run.id && e.run.state === 'paused');
    expect(paused.reason).toBe('paused: the disk is full');
    const log = () => readFileSync(join(runDir, 'metrics.jsonl'), 'utf8');
    expect(log().endsWith('\n'), 'the log ends on a whole line').toBe(true);

    // Still full: Resume is refused in words, and the run stays paused.
    const refused = await peer.request({ type: 'run/resume', runId: run.id }, 'error');
    expect(refused.message).toMatch(/ENOSPC|disk is full/i);

    rmSync(filler);
    const resumed = await peer.request({ type: 'run/resume', runId: run.id }, 'run/state');
    expect(resumed.run.state).toBe('running');
    const at = paused.run.step;
    await peer.next('metrics/batch', (e) => e.runId === run.id && e.points.some((p) => p.step >= at + 20));
    await peer.request({ type: 'run/stop', runId: run.id }, 'run/state');

    const lines = log().trim().split('\n');
    const points = lines.map((line) => JSON.parse(line) as MetricPoint);
    const steps = points.filter((p) => p.late !== true && p.values.loss !== undefined).map((p) => p.step);
    expect(steps, 'every trained step once, none lost while the disk was full').toEqual(steps.map((_, i) => i + 1));
    expect(steps.at(-1)).toBeGreaterThanOrEqual(at + 20);
  });
});
