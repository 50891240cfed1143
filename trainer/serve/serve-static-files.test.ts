/**
 * Serve mode serves the renderer folder and nothing outside it, against the real serve process:
 * `..` and encoded slashes, and symlinks inside the folder that point out of it (to a file or a
 * folder), all get the same 404 as a missing file, with the escape logged; links that stay
 * inside work, the folder itself may be reached through a link, and a FIFO does not block serve.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeHandle } from '../testing/start-serve.js';

const SECRET = 'secret-outside-the-renderer-folder';
let root: string;
let serve: ServeHandle;
let origin: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'stagecraft-serve-static-'));
  const renderer = join(root, 'renderer');
  const outside = join(root, 'outside');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Stagecraft</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  symlinkSync(join(renderer, 'assets', 'app.js'), join(renderer, 'inside-link.js'));
  symlinkSync(join(outside, 'secret.txt'), join(renderer, 'leak.txt'));
  symlinkSync('../outside/secret.txt', join(renderer, 'assets', 'relative-leak.txt'));
  symlinkSync(outside, join(renderer, 'leak-dir'));
  symlinkSync(join(root, 'nowhere'), join(renderer, 'dangling.js'));
  if (process.platform !== 'win32') execFileSync('mkfifo', [join(renderer, 'pipe.js')]);
  // The folder serve is given is itself a link (as a symlinked dist/ would be).
  symlinkSync(renderer, join(root, 'renderer-link'));
  const data = join(root, 'data');
  mkdirSync(data);
  serve = await startServe(data, { args: ['--renderer', join(root, 'renderer-link')] });
  origin = new URL(serve.pageUrl).origin;
});
afterAll(async () => {
  await serve?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${origin}${path}`);
  return { status: response.status, body: await response.text() };
}

describe('static files stay inside the renderer folder', () => {
  it('serves the page, its assets and links that stay inside', async () => {
    expect(await get('/')).toMatchObject({ status: 200, body: expect.stringContaining('Stagecraft') });
    expect(await get('/assets/app.js')).toEqual({ status: 200, body: 'console.log("app")' });
    expect(await get('/inside-link.js')).toEqual({ status: 200, body: 'console.log("app")' });
  });

  it('refuses links pointing out, and every other way out, with the 404 a missing file gets', async () => {
    const missing = await get('/no-such-file.js');
    expect(missing.status).toBe(404);
    for (const path of ['/leak.txt', '/assets/relative-leak.txt', '/leak-dir/secret.txt', '/dangling.js', '/..%2Foutside%2Fsecret.txt', '/assets/..%2F..%2Foutside%2Fsecret.txt', '/%2e%2e/outside/secret.txt']) {
      const answer = await get(path);
      expect(answer, path).toEqual(missing);
      expect(answer.body).not.toContain(SECRET);
    }
    await serve.waitForOutput(/refused "\/leak\.txt": it resolves outside the renderer folder/);
    await serve.waitForOutput(/refused "\/leak-dir\/secret\.txt": it resolves outside the renderer folder/);
  });

  it.skipIf(process.platform === 'win32')('does not read a FIFO (which would block until someone wrote to it), and keeps serving', async () => {
    expect((await get('/pipe.js')).status).toBe(404);
    expect((await get('/assets/app.js')).status).toBe(200);
  });
});
