/**
 * Small datasets and run housekeeping on a real Session with real files: a three-pair import
 * gets a validation clip, a one-pair import says why it cannot train and run/create refuses it
 * with the same sentence, and runs are renamed and deleted — with ids that try to leave the
 * runs folder refused before anything on disk is touched.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { tempDir } from '../data/test-fixtures.js';
import type { CommandInput } from '../protocol.js';
import type { EventPeer } from '../testing/event-peer.js';
import { inProcessSession } from '../testing/in-process-session.js';

let dir: string;
let cleanup: () => void;
let peer: EventPeer;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  // The folders imported from lie beside the data folder, as if chosen in a dialog.
  peer = inProcessSession(join(dir, 'data'), { allowPaths: [dir] });
  await peer.request({ type: 'project/create', path: 'studio', name: 'Studio', withDemo: false }, 'project/opened');
});
afterEach(() => cleanup());

const request = <T extends Parameters<EventPeer['request']>[1]>(command: CommandInput, answer: T) => peer.request(command as Record<string, unknown>, answer);
const projectDir = () => join(dir, 'data', 'studio');

/** `count` WAV+BVH pairs of `seconds` each in one flat folder, named take-0… */
function flatPairs(name: string, count: number, seconds = 4): string {
  const generated = join(dir, `generated-${name}`);
  writeDemoDataset(generated, { trainClips: count, validationClips: 0, seconds });
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const stem = `clip-${String(i).padStart(3, '0')}`;
    for (const ext of ['bvh', 'wav']) copyFileSync(join(generated, 'train', `${stem}.${ext}`), join(folder, `take-${i}.${ext}`));
  }
  return folder;
}

describe('small datasets', () => {
  it('a three-pair import holds one clip out for validation, and a run can be made on it', async () => {
    const { report, project } = await request({ type: 'dataset/import', path: flatPairs('three', 3) }, 'dataset/imported');
    expect(report.clips).toEqual({ train: 2, validation: 1 });
    expect(project.datasetDetails?.find((d) => d.name === 'three')).toEqual({ name: 'three', kind: 'audio-motion', clips: { train: 2, validation: 1 } });
    const manifest = JSON.parse(readFileSync(join(projectDir(), 'datasets', 'three', 'dataset.json'), 'utf8')) as { clips: { file: string; split: string }[] };
    expect(manifest.clips.filter((c) => c.split === 'validation').map((c) => c.file)).toEqual(['take-2.bvh']);
    const { run } = await request({ type: 'run/create', recipe: 'motion-autoencoder', preset: 'tiny', dataset: 'three' }, 'run/created');
    expect(run.dataset).toBe('three');
  });

  it('a one-pair import says why training needs more clips, and run/create refuses it with that sentence', async () => {
    const { report, project } = await request({ type: 'dataset/import', path: flatPairs('solo', 1) }, 'dataset/imported');
    expect(report.clips).toEqual({ train: 1, validation: 0 });
    const problem = project.datasetDetails?.find((d) => d.name === 'solo')?.problem;
    expect(problem).toMatch(/^Dataset 'solo' has only one clip; training needs at least two clips/);
    const refused = await request({ type: 'run/create', recipe: 'motion-autoencoder', preset: 'tiny', dataset: 'solo' }, 'error');
    expect(refused).toMatchObject({ code: 'dataset', message: problem });
    expect((await request({ type: 'run/list' }, 'run/list')).runs).toEqual([]);
  });

  it('clips shorter than the recipe’s windows are refused at run/create with the lengths, not at start as an internal error', async () => {
    await request({ type: 'dataset/import', path: flatPairs('short', 3, 4) }, 'dataset/imported');
    const refused = await request({ type: 'run/create', recipe: 'audio-to-motion', preset: 'tiny', dataset: 'short' }, 'error');
    expect(refused.code).toBe('dataset');
    expect(refused.message).toMatch(/'short' has none of its 2 training clips and none of its 1 validation clips as long as audio-to-motion \(tiny\) needs \(240 frames, 8\.0 s\)/);
  });
  it('motion-only data is refused for audio-to-motion at run/create, and trains the motion autoencoder', async () => {
    const folder = flatPairs('silent', 3, 9);
    for (let i = 0; i < 3; i++) rmSync(join(folder, `take-${i}.wav`));
    const { project } = await request({ type: 'dataset/import', path: folder }, 'dataset/imported');
    expect(project.datasetDetails?.find((d) => d.name === 'silent')).toMatchObject({ kind: 'motion', clips: { train: 2, validation: 1 } });
    const refused = await request({ type: 'run/create', recipe: 'audio-to-motion', preset: 'tiny', dataset: 'silent' }, 'error');
    expect(refused.message).toMatch(/^Dataset 'silent' has motion only \(no WAV beside its BVH files\); audio-to-motion \(tiny\) trains on WAV \+ BVH pairs/);
    await request({ type: 'run/create', recipe: 'motion-autoencoder', preset: 'tiny', dataset: 'silent' }, 'run/created');
  });
});

describe('run housekeeping', () => {
  async function runOnThree(name?: string) {
    if (!existsSync(join(projectDir(), 'datasets', 'three'))) await request({ type: 'dataset/import', path: flatPairs('three', 3) }, 'dataset/imported');
    return (await request({ type: 'run/create', recipe: 'motion-autoencoder', preset: 'tiny', dataset: 'three', ...(name ? { name } : {}) }, 'run/created')).run;
  }

  it('renames a run: run.json keeps its id and folder, the list and a reopen show the new name', async () => {
    const run = await runOnThree('first try');
    const { run: renamed, reason } = await request({ type: 'run/rename', runId: run.id, name: '  Warp study  ' }, 'run/updated');
    expect(renamed).toMatchObject({ id: run.id, name: 'Warp study' });
    expect(reason).toBe("renamed from 'first try' to 'Warp study'");
    const opened = await request({ type: 'project/open', path: 'studio' }, 'project/opened');
    expect(opened.project.runs.map((r) => [r.id, r.name])).toEqual([[run.id, 'Warp study']]);
    expect((await request({ type: 'run/rename', runId: run.id, name: '   ' }, 'error')).code).toBe('malformed-command');
    expect((await request({ type: 'run/rename', runId: 'run-9', name: 'x' }, 'error')).code).toBe('no-run');
  });

  it('deletes a run with its snapshots, previews and metrics, and only that run', async () => {
    const doomed = await runOnThree();
    const kept = await runOnThree();
    const runDir = join(projectDir(), 'runs', doomed.id);
    mkdirSync(join(runDir, 'snapshots', 'step-00000010-ab'), { recursive: true });
    writeFileSync(join(runDir, 'snapshots', 'step-00000010-ab', 'manifest.json'), '{}');
    mkdirSync(join(runDir, 'previews'));
    writeFileSync(join(runDir, 'metrics.jsonl'), '');

    const deleted = await request({ type: 'run/delete', runId: doomed.id }, 'run/deleted');
    expect(deleted).toMatchObject({ runId: doomed.id, name: doomed.name });
    expect(existsSync(runDir)).toBe(false);
    expect((await request({ type: 'run/list' }, 'run/list')).runs.map((r) => r.id)).toEqual([kept.id]);
    expect((await request({ type: 'run/delete', runId: doomed.id }, 'error')).code).toBe('no-run');
  });

  it('refuses ids that reach outside the runs folder, touching nothing', async () => {
    const run = await runOnThree();
    const outside = join(projectDir(), 'datasets', 'three');
    for (const runId of ['..', '../datasets/three', `${run.id}/../../datasets/three`, '..\\datasets', '/etc', '.hidden']) {
      const refused = await request({ type: 'run/delete', runId }, 'error');
      expect(refused.code, runId).toBe('malformed-command');
      expect(refused.message).toContain('is not a run id');
      expect((await request({ type: 'run/rename', runId, name: 'x' }, 'error')).code).toBe('malformed-command');
    }
    expect(existsSync(join(outside, 'dataset.json'))).toBe(true);
    expect(existsSync(join(projectDir(), 'runs', run.id, 'run.json'))).toBe(true);
  });

  it('refuses a folder whose run.json names another run, and leaves it as it is', async () => {
    const run = await runOnThree();
    const copy = join(projectDir(), 'runs', 'copied');
    mkdirSync(copy);
    copyFileSync(join(projectDir(), 'runs', run.id, 'run.json'), join(copy, 'run.json'));
    const refused = await request({ type: 'run/delete', runId: 'copied' }, 'error');
    expect(refused.code).toBe('io');
    expect(refused.message).toMatch(new RegExp(`names run '${run.id}', not 'copied'`));
    expect(existsSync(join(copy, 'run.json'))).toBe(true);
  });
});
