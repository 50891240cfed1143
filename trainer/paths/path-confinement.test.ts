/** Paths a command names stay inside the data folder, the open project, or what the person granted. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { grantsFromEnv, PathConfinement, PathNotAllowedError } from './path-confinement.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folders() {
  const base = mkdtempSync(join(tmpdir(), 'stagecraft-confine-'));
  dirs.push(base);
  const dataRoot = join(base, 'Stagecraft');
  const picked = join(base, 'picked');
  const elsewhere = join(base, 'elsewhere');
  for (const dir of [dataRoot, picked, elsewhere]) mkdirSync(dir);
  return { base, dataRoot, picked, elsewhere, paths: new PathConfinement(dataRoot) };
}

/** The refusal for `input`, or a failure if it was allowed. */
function refusal(paths: PathConfinement, input: string, base?: string): string {
  try {
    paths.resolve(input, base);
  } catch (error) {
    expect(error).toBeInstanceOf(PathNotAllowedError);
    return (error as Error).message;
  }
  throw new Error(`expected ${input} to be refused`);
}

describe('path confinement', () => {
  it('resolves relative paths in the data folder and accepts absolute ones inside it', () => {
    const { dataRoot, paths } = folders();
    expect(paths.resolve('demo-speaker')).toBe(join(dataRoot, 'demo-speaker'));
    expect(paths.resolve(join(dataRoot, 'a', 'b'))).toBe(join(dataRoot, 'a', 'b'));
    expect(paths.resolve(dataRoot)).toBe(dataRoot);
  });

  it("refuses '..' anywhere, even when it would land inside", () => {
    const { dataRoot, paths } = folders();
    for (const input of ['../elsewhere', 'demo/../../elsewhere', `${dataRoot}/../elsewhere`, `${dataRoot}/x/../y`, '..\\elsewhere', 'a\0b']) {
      expect(refusal(paths, input)).toMatch(/is not allowed/);
    }
  });

  it('refuses paths outside every allowed folder with one sentence, whether or not they exist', () => {
    const { elsewhere, paths } = folders();
    writeFileSync(join(elsewhere, 'secret.txt'), 'root:x:0:0');
    const sentence = (input: string) =>
      `The path ${JSON.stringify(input)} is not allowed: Stagecraft works only inside its data folder, the open project and folders you chose (File > Open Project… in the desktop app; --allow-path DIR in serve mode). Nothing was changed.`;
    for (const input of ['/etc/passwd', '/etc/no-such-file', elsewhere, join(elsewhere, 'secret.txt'), join(elsewhere, 'missing', 'deeper'), '/']) {
      expect(refusal(paths, input), input).toBe(sentence(input));
    }
  });

  it('accepts a folder once it is granted, and nothing beside it; a granted file is just that file', () => {
    const { base, picked, elsewhere, paths } = folders();
    expect(refusal(paths, join(picked, 'my-project'))).toMatch(/not allowed/);
    paths.grant(picked);
    expect(paths.resolve(join(picked, 'my-project'))).toBe(join(picked, 'my-project'));
    expect(refusal(paths, `${picked}-sibling`)).toMatch(/not allowed/);
    expect(refusal(paths, base)).toMatch(/not allowed/);
    const wav = join(elsewhere, 'speech.wav');
    paths.grant(wav);
    expect(paths.resolve(wav)).toBe(wav);
    expect(refusal(paths, join(elsewhere, 'other.wav'))).toMatch(/not allowed/);
  });

  it('allows the open project while it is open, and resolves paths against it when asked', () => {
    const { picked, paths } = folders();
    const project = join(picked, 'project');
    paths.setProject(project);
    expect(paths.resolve('datasets/demo/a.wav', project)).toBe(join(project, 'datasets', 'demo', 'a.wav'));
    paths.setProject(null);
    expect(refusal(paths, 'datasets/demo/a.wav', project)).toMatch(/not allowed/);
  });

  it('does not follow a link out of an allowed folder, nor a link to nothing', () => {
    const { dataRoot, elsewhere, paths } = folders();
    symlinkSync(elsewhere, join(dataRoot, 'escape'));
    symlinkSync(join(elsewhere, 'not-yet'), join(dataRoot, 'dangling'));
    expect(refusal(paths, 'escape/project')).toMatch(/not allowed/);
    expect(refusal(paths, 'escape')).toMatch(/not allowed/);
    expect(refusal(paths, 'dangling/project')).toMatch(/not allowed/);
    // A link that stays inside is fine.
    mkdirSync(join(dataRoot, 'real'));
    symlinkSync(join(dataRoot, 'real'), join(dataRoot, 'alias'));
    expect(paths.resolve('alias/project')).toBe(join(dataRoot, 'alias', 'project'));
  });

  it('takes grants from serve mode as a JSON list, and nothing from anything else', () => {
    expect(grantsFromEnv(JSON.stringify(['/a', '/b']))).toEqual(['/a', '/b']);
    for (const value of [undefined, '', '/a:/b', '{"a":1}', '[1, null]']) expect(grantsFromEnv(value)).toEqual([]);
  });
});
