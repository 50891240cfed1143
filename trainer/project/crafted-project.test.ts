/**
 * Ids read from disk are data, not paths. A project folder someone shares can be crafted: run.json
 * ids that climb out of the project, a last good snapshot that names /etc, a manifest listing
 * `../../secret`, links and FIFOs inside. Opened on the real Session, each is reported as
 * damaged, naming the file, and the files planted outside the project are untouched (same
 * bytes, same times); nothing inside is changed either, and no error quotes what a file holds.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { tempDir } from '../data/test-fixtures.js';
import { CorruptSnapshotError, readSnapshot } from '../snapshots/read-snapshot.js';
import { LOCK_FILE } from './project-lock.js';
import type { TrainerEvent } from '../protocol.js';
import type { EventPeer } from '../testing/event-peer.js';
import { inProcessSession } from '../testing/in-process-session.js';

let dir: string;
let cleanup: () => void;
let peer: EventPeer;
/** A healthy project with one run, copied for each case. */
let template: string;
let runJson: Record<string, unknown>;
let copies = 0;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  peer = inProcessSession(join(dir, 'data'));
  writeDemoDataset(join(dir, 'data', 'incoming'), { trainClips: 2, validationClips: 1, seconds: 3 });
  await peer.request({ type: 'project/create', path: 'template', name: 'Shared', withDemo: false }, 'project/opened');
  await peer.request({ type: 'dataset/import', path: 'incoming' }, 'dataset/imported');
  await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', seed: 1 }, 'run/created');
  template = join(dir, 'data', 'template');
  runJson = JSON.parse(readFileSync(join(template, 'runs', 'run-1', 'run.json'), 'utf8'));
});
afterAll(() => cleanup());

/** Files planted outside the project, where crafted ids lead: `<dir>/victim-run` and `<dir>/secret`. */
function plantVictims(): () => Record<string, string> {
  const victim = join(dir, 'victim-run');
  mkdirSync(join(victim, 'snapshots', '.tmp-keep-me'), { recursive: true });
  writeFileSync(join(victim, 'run.json'), '{"victim": true}');
  writeFileSync(join(victim, 'metrics.jsonl'), '{"step":1}\n');
  writeFileSync(join(victim, 'snapshots', '.tmp-keep-me', 'weights.bin'), 'precious');
  mkdirSync(join(dir, 'secret'), { recursive: true });
  writeFileSync(join(dir, 'secret', 'shadow'), 'root:$6$not-for-you:19000:0:99999:7:::');
  writeFileSync(join(dir, 'secret', 'manifest.json'), JSON.stringify({ id: 'x', files: { shadow: { sha256: '0', bytes: 1 } } }));
  return () => snapshotOf([victim, join(dir, 'secret')]);
}

/** Every file under the folders with its bytes and modification time (links and FIFOs as what they are, never read through). */
function snapshotOf(folders: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isSymbolicLink()) out[relative(dir, path)] = `link to ${readlinkSync(path)} @${lstatSync(path).mtimeMs}`;
      else if (entry.isFile()) out[relative(dir, path)] = `${readFileSync(path, 'utf8')} @${statSync(path).mtimeMs}`;
      else out[relative(dir, path)] = `special @${lstatSync(path).mtimeMs}`;
    }
  };
  folders.forEach(walk);
  return out;
}

/** A copy of the healthy project, changed by `craft`; returns its path relative to the data folder. */
function craftedProject(craft: (project: string) => void): string {
  const name = `shared-${++copies}`;
  const project = join(dir, 'data', name);
  // Not the template's lock: it names this process, which holds the template open.
  cpSync(template, project, { recursive: true, filter: (source) => !source.endsWith(LOCK_FILE) });
  craft(project);
  return name;
}

const writeRun = (project: string, folder: string, fields: Record<string, unknown>) => {
  mkdirSync(join(project, 'runs', folder), { recursive: true });
  writeFileSync(join(project, 'runs', folder, 'run.json'), JSON.stringify({ ...runJson, ...fields }, null, 2));
};

/** The first answer to project/open, whichever it is, so a project that opens fails the test at once. */
async function openAnswer(name: string): Promise<TrainerEvent> {
  const requestId = `open-${name}`;
  const since = peer.events.length;
  peer.sendRaw({ type: 'project/open', path: name, requestId });
  const answers = [peer.next('error', (e) => e.requestId === requestId, { since }), peer.next('project/opened', (e) => e.requestId === requestId, { since })];
  answers.forEach((answer) => answer.catch(() => undefined)); // the one that never comes times out quietly
  return Promise.race(answers);
}

/** Opens the project; expects it to be refused as damaged, naming `file`; checks nothing outside or inside changed. */
async function expectDamaged(name: string, file: string, problem: RegExp): Promise<string> {
  const outsideBefore = plantVictims()();
  const insideBefore = snapshotOf([join(dir, 'data', name)]);
  const error = await openAnswer(name);
  expect(error.type, 'the project opened').toBe('error');
  if (error.type !== 'error') return '';
  expect(error.code).toBe('io');
  expect(error.message).toMatch(new RegExp(`^Project 'Shared' in '.*${name}' is damaged: '${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`));
  expect(error.message).toMatch(problem);
  expect(error.message).toMatch(/It was not opened, and nothing in it or outside it was changed\.$/);
  expect(error.message).not.toMatch(/not-for-you|precious|victim": true/);
  expect(snapshotOf([join(dir, 'victim-run'), join(dir, 'secret')])).toEqual(outsideBefore);
  expect(snapshotOf([join(dir, 'data', name)])).toEqual(insideBefore);
  return error.message;
}

describe('a crafted project folder', () => {
  it('with a run.json whose id climbs out of the project (and says it is running) is damaged; the victim run outside keeps its files', async () => {
    const name = craftedProject((project) => {
      renameSync(join(project, 'runs', 'run-1'), join(project, 'runs', 'evil'));
      writeRun(project, 'evil', { id: '../../../victim-run', state: 'running' });
    });
    await expectDamaged(name, 'runs/evil/run.json', /its id "\.\.\/\.\.\/\.\.\/victim-run" is not a run id/);
  });

  it('with a crafted last good snapshot, branch or dataset in run.json is damaged', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ state: 'stopped', interrupted: { step: 5, lastGoodSnapshot: '../../../../secret' } }, /its last good snapshot "\.\.\/\.\.\/\.\.\/\.\.\/secret" is not a snapshot id/],
      [{ branch: '../../../victim-run/x' }, /its branch .* is not a branch name/],
      [{ dataset: '../../../secret' }, /its dataset .* is not a dataset name/],
      [{ branches: [{ name: 'branch-1', parent: '../../x', forkStep: 0, snapshotId: 'step-00000001-ab', createdAt: 'now' }] }, /names the parent "\.\.\/\.\.\/x", which is not a branch name/],
      [{ branches: [{ name: 'branch-1', parent: 'main', forkStep: 0, snapshotId: '../../secret', createdAt: 'now' }] }, /forks from "\.\.\/\.\.\/secret", which is not a snapshot id/],
      [{ id: 'run-2' }, /its id "run-2" is not the name of the folder it is in \("run-1"\)/],
    ];
    for (const [fields, problem] of cases) {
      const name = craftedProject((project) => writeRun(project, 'run-1', fields));
      await expectDamaged(name, 'runs/run-1/run.json', problem);
    }
  });

  it('with a snapshot manifest that lists a file outside its folder is damaged, and reading that snapshot never opens the file', async () => {
    const manifest = (id: string) => ({ format: 1, id, step: 1, reason: 'manual', label: '', createdAt: 'now', bytes: 1, files: { '../../../../../secret/shadow': { sha256: '00', bytes: 38 } } });
    const name = craftedProject((project) => {
      const snapshot = join(project, 'runs', 'run-1', 'snapshots', 'step-00000001-ab');
      mkdirSync(snapshot, { recursive: true });
      writeFileSync(join(snapshot, 'manifest.json'), JSON.stringify(manifest('step-00000001-ab')));
    });
    await expectDamaged(name, 'runs/run-1/snapshots/step-00000001-ab/manifest.json', /lists the file "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/secret\/shadow", which is not a plain file name/);
    // Read directly (a manifest changed after the project opened): corrupt, naming the manifest, and the size of the secret is never reported.
    const snapshot = join(dir, 'data', name, 'runs', 'run-1', 'snapshots', 'step-00000001-ab');
    expect(() => readSnapshot(snapshot)).toThrow(CorruptSnapshotError);
    expect(() => readSnapshot(snapshot)).toThrow(/manifest\.json' is corrupt: it lists the file .* which is not a plain file name in the snapshot folder\. It was not loaded\.$/);
  });

  it('with a link inside (a metrics log that leads to a file outside) is damaged before anything is appended', async () => {
    const name = craftedProject((project) => symlinkSync(join(dir, 'victim-run', 'metrics.jsonl'), join(project, 'runs', 'run-1', 'metrics.jsonl')));
    await expectDamaged(name, 'runs/run-1/metrics.jsonl', /is a link; a project holds no links/);
  });

  it.skipIf(process.platform === 'win32')('with a FIFO inside is damaged at once, without waiting on it', async () => {
    const name = craftedProject((project) => execFileSync('mkfifo', [join(project, 'runs', 'run-1', 'metrics.jsonl')]));
    const started = Date.now();
    await expectDamaged(name, 'runs/run-1/metrics.jsonl', /is a named pipe \(FIFO\); a project holds only files and folders/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('whose project.json is not JSON is refused without quoting it', async () => {
    const name = craftedProject((project) => writeFileSync(join(project, 'project.json'), 'root:$6$not-for-you:19000:0:99999:7:::'));
    const error = await peer.request({ type: 'project/open', path: name }, 'error');
    expect(error.message).toBe(`'${join(dir, 'data', name, 'project.json')}' is not a Stagecraft project file: it is not JSON.`);
  });

  it('is opened once what was crafted is put right', async () => {
    const name = craftedProject((project) => writeRun(project, 'run-1', { branch: '../x' }));
    await peer.request({ type: 'project/open', path: name }, 'error');
    writeRun(join(dir, 'data', name), 'run-1', {});
    const { project } = await peer.request({ type: 'project/open', path: name }, 'project/opened');
    expect(project.runs.map((r) => r.id)).toEqual(['run-1']);
  });
});
