/**
 * Names that Object.prototype has (`constructor`, `toString`, `hasOwnProperty`…) are not layer
 * groups, presets or recipes: run/create and a plan naming them are refused with a sentence on
 * the real Session, and no run is made (before, `in` let them through: 205 were stored into
 * live controls, and `preset: "constructor"` made a run that failed with "clips of at least
 * undefined frames").
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../data/test-fixtures.js';
import type { EventPeer } from '../testing/event-peer.js';
import { inProcessSession } from '../testing/in-process-session.js';

const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__lookupGetter__'];

let dir: string;
let cleanup: () => void;
let peer: EventPeer;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  peer = inProcessSession(join(dir, 'data'));
  await peer.request({ type: 'project/create', path: 'names', name: 'Names', withDemo: true }, 'project/opened');
});
afterEach(() => cleanup());

const refused = (command: Record<string, unknown>) => peer.request(command, 'error');
const runFolders = () => (existsSync(join(dir, 'data', 'names', 'runs')) ? readdirSync(join(dir, 'data', 'names', 'runs')) : []);

describe('prototype names at the boundary', () => {
  it('are refused as presets, recipes and layer groups in run/create, and no run is made', async () => {
    for (const name of PROTOTYPE_NAMES) {
      const preset = await refused({ type: 'run/create', recipe: 'motion-autoencoder', preset: name });
      expect(preset.code, name).toBe('malformed-command');
      expect(preset.message).toBe(`Recipe 'motion-autoencoder' has no preset '${name}'; choose one of tiny, base.`);
      const recipe = await refused({ type: 'run/create', recipe: name });
      expect(recipe.message).toMatch(new RegExp(`^Unknown recipe '${name}'; known recipes: `));
      const group = await refused({ type: 'run/create', recipe: 'motion-autoencoder', controls: { locks: { [name]: true } } });
      expect(group.message).toBe(`No layer group named '${name}'; this recipe has encoder, decoder, discriminator.`);
    }
    expect(runFolders()).toEqual([]);
  });

  it('are refused as layer groups in a plan, naming the stage', async () => {
    const plan = { name: 'sneaky', stages: [{ name: 'warm-up', controls: {}, end: { type: 'steps', steps: 10 } }, { name: 'lock', controls: { locks: { hasOwnProperty: true } }, end: { type: 'manual' } }] };
    const error = await refused({ type: 'run/create', recipe: 'motion-autoencoder', plan });
    expect(error.message).toBe("Stage 2 'lock': No layer group named 'hasOwnProperty'; this recipe has encoder, decoder, discriminator.");
    expect(runFolders()).toEqual([]);
    // The same plan with a real group is accepted: the refusal was about the name, not the plan.
    const fine = { ...plan, stages: [plan.stages[0], { ...plan.stages[1], controls: { locks: { encoder: true } } }] };
    await peer.request({ type: 'run/create', recipe: 'motion-autoencoder', plan: fine }, 'run/created');
    expect(runFolders()).toEqual(['run-1']);
  });
});
