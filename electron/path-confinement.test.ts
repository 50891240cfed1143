/** Paths from the window stay inside the Stagecraft folder, the open project, or what the person picked. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PathConfinement } from './path-confinement';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folders() {
  const base = mkdtempSync(join(tmpdir(), 'stagecraft-confine-'));
  dirs.push(base);
  const dataRoot = join(base, 'Stagecraft');
  const picked = join(base, 'picked');
  const elsewhere = join(base, 'elsewhere');
  for (const dir of [dataRoot, picked, elsewhere]) mkdirSync(dir);
  return { base, dataRoot, picked, elsewhere, confinement: new PathConfinement(dataRoot) };
}

describe('path confinement', () => {
  it('resolves relative paths in the data folder and accepts absolute ones inside it', () => {
    const { dataRoot, confinement } = folders();
    expect(confinement.confine('demo-speaker')).toEqual({ ok: true, path: join(dataRoot, 'demo-speaker') });
    expect(confinement.confine(join(dataRoot, 'a', 'b'))).toEqual({ ok: true, path: join(dataRoot, 'a', 'b') });
  });

  it("rejects '..' anywhere, even when it would land inside", () => {
    const { dataRoot, confinement } = folders();
    for (const input of ['../elsewhere', 'demo/../../elsewhere', `${dataRoot}/../elsewhere`, `${dataRoot}/x/../y`, '..\\elsewhere']) {
      const result = confinement.confine(input);
      expect(result.ok, input).toBe(false);
      expect(result).toMatchObject({ message: expect.stringContaining("'..'") });
    }
  });

  it('rejects absolute paths outside every allowed folder', () => {
    const { elsewhere, confinement } = folders();
    for (const input of ['/etc/passwd', elsewhere, join(elsewhere, 'project'), '/']) {
      const result = confinement.confine(input);
      expect(result.ok, input).toBe(false);
      expect(result).toMatchObject({ message: expect.stringMatching(/outside the Stagecraft folder/) });
    }
  });

  it('accepts a folder once the person picked it in a dialog, and nothing beside it', () => {
    const { base, picked, confinement } = folders();
    expect(confinement.confine(join(picked, 'my-project')).ok).toBe(false);
    confinement.allow(picked);
    expect(confinement.confine(join(picked, 'my-project'))).toEqual({ ok: true, path: join(picked, 'my-project') });
    expect(confinement.confine(`${picked}-sibling`).ok).toBe(false);
    expect(confinement.confine(base).ok).toBe(false);
  });

  it('does not follow a symlink out of an allowed folder', () => {
    const { dataRoot, elsewhere, confinement } = folders();
    symlinkSync(elsewhere, join(dataRoot, 'escape'));
    expect(confinement.confine('escape/project').ok).toBe(false);
  });
});

describe('commands from the window', () => {
  it('carry confined absolute paths to the trainer, and refused ones become errors naming the path', async () => {
    const { confineCommand } = await import('./confine-command');
    const { dataRoot, confinement } = folders();
    expect(confineCommand({ type: 'project/open', path: 'demo' }, confinement)).toEqual({ ok: true, command: { type: 'project/open', path: join(dataRoot, 'demo') } });
    const refused = confineCommand({ type: 'motion/export', requestId: 'r1', runId: 'x', audioPath: '/etc/shadow' }, confinement);
    expect(refused).toMatchObject({ ok: false, error: { type: 'error', requestId: 'r1', commandType: 'motion/export', message: expect.stringMatching(/"\/etc\/shadow" is outside.*Nothing was changed/) } });
    expect(confineCommand({ type: 'state/get' }, confinement)).toEqual({ ok: true, command: { type: 'state/get' } });
    // An export naming no recording names no path: the trainer takes one from the run's dataset.
    const snapshotExport = { type: 'motion/export', runId: 'x', snapshotId: 'step-00000010-ab' } as const;
    expect(confineCommand(snapshotExport, confinement)).toEqual({ ok: true, command: snapshotExport });
  });
});
