/**
 * Every path a command names is confined by the trainer itself (paths/path-confinement.ts), on
 * the real Session: project/create, project/open, dataset/import and motion/export's audioPath
 * outside the data folder, the open project and the granted folders are refused with one and
 * the same sentence whether or not the path exists (so the refusals cannot map the disk), and
 * nothing is created or read there. A link inside the data folder that leads out is refused too.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDemoDataset } from '../data/demo-dataset.js';
import { tempDir } from '../data/test-fixtures.js';
import type { EventPeer } from '../testing/event-peer.js';
import { inProcessSession } from '../testing/in-process-session.js';

let dir: string;
let cleanup: () => void;
let peer: EventPeer;
let outside: string;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  peer = inProcessSession(join(dir, 'data'));
  // Beside the data folder: a real project, a folder of recordings and a WAV, none of them granted.
  outside = join(dir, 'outside');
  writeDemoDataset(join(outside, 'recordings'), { trainClips: 2, validationClips: 1, seconds: 2 });
  copyFileSync(join(outside, 'recordings', 'validation', 'clip-000.wav'), join(outside, 'speech.wav'));
  mkdirSync(join(outside, 'project', 'runs'), { recursive: true });
  writeFileSync(join(outside, 'project', 'project.json'), JSON.stringify({ format: 1, name: 'Elsewhere', createdAt: new Date().toISOString() }));
  await peer.request({ type: 'project/create', path: 'studio', name: 'Studio', withDemo: true }, 'project/opened');
});
afterEach(() => cleanup());

/** The refusal's sentence with the path it names taken out: what would tell an existing path from a missing one. */
async function refusal(command: Record<string, unknown>, path: string): Promise<string> {
  const error = await peer.request(command, 'error');
  expect(error.code).toBe('io');
  expect(error.message).toContain(JSON.stringify(path));
  return error.message.replace(JSON.stringify(path), '<path>');
}

const SENTENCE =
  'The path <path> is not allowed: Stagecraft works only inside its data folder, the open project and folders you chose (File > Open Project… in the desktop app; --allow-path DIR in serve mode). Nothing was changed.';

describe('paths outside the allowed folders', () => {
  it('project/create, project/open, dataset/import and motion/export answer the same sentence for a path that exists and one that does not', async () => {
    const { run } = await peer.request({ type: 'run/create', recipe: 'audio-to-motion', seed: 1 }, 'run/created');
    const cases: [(path: string) => Record<string, unknown>, string, string][] = [
      [(path) => ({ type: 'project/create', path, name: 'X', withDemo: false }), join(outside, 'project'), join(outside, 'new-project')],
      [(path) => ({ type: 'project/open', path }), join(outside, 'project'), join(outside, 'no-project')],
      [(path) => ({ type: 'dataset/import', path }), join(outside, 'recordings'), join(outside, 'no-recordings')],
      [(path) => ({ type: 'motion/export', runId: run.id, audioPath: path }), join(outside, 'speech.wav'), join(outside, 'no-speech.wav')],
      [(path) => ({ type: 'dataset/import', path }), '/etc', '/etc/no-such-folder'],
      [(path) => ({ type: 'motion/export', runId: run.id, audioPath: path }), '/dev/zero', '/dev/no-such-device'],
    ];
    for (const [command, existing, missing] of cases) {
      const type = String(command('').type);
      expect(await refusal(command(existing), existing), `${type} ${existing}`).toBe(SENTENCE);
      expect(await refusal(command(missing), missing), `${type} ${missing}`).toBe(SENTENCE);
    }
    // Nothing was made or opened there, and the studio project is still the open one.
    expect(existsSync(join(outside, 'new-project'))).toBe(false);
    expect(readdirSync(join(outside, 'project')).sort()).toEqual(['project.json', 'runs']);
    const { runs } = await peer.request({ type: 'run/list' }, 'run/list');
    expect(runs.map((r) => r.id)).toEqual([run.id]);
    const { project } = await peer.request({ type: 'project/open', path: 'studio' }, 'project/opened');
    expect(project.datasets).toEqual(['demo']);
  });

  it('a link inside the data folder that leads out is refused the same way, and walking up with .. is refused', async () => {
    symlinkSync(outside, join(dir, 'data', 'shortcut'));
    for (const path of ['shortcut/recordings', join(dir, 'data', 'shortcut', 'recordings'), '../outside/recordings', `studio/../../outside/recordings`]) {
      expect(await refusal({ type: 'dataset/import', path }, path), path).toBe(SENTENCE);
    }
  });

  it('inside the data folder and the open project, the same commands work and errors say what is wrong', async () => {
    writeDemoDataset(join(dir, 'data', 'incoming'), { trainClips: 2, validationClips: 1, seconds: 2 });
    const { report } = await peer.request({ type: 'dataset/import', path: 'incoming' }, 'dataset/imported');
    expect(report.clips).toEqual({ train: 2, validation: 1 });
    const missing = await peer.request({ type: 'dataset/import', path: 'no-such-folder' }, 'error');
    expect(missing.message).toMatch(/no-such-folder' is not a folder; choose the folder that holds/);
  });
});
