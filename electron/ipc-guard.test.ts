/** Main's trust boundary: only our own window's page gets through, and only well-formed messages. */
import { describe, expect, it } from 'vitest';
import { checkCommand, checkShellRequest, type IpcEventLike, type OwnWindowLike } from './ipc-guard';
import { rendererUrl } from './paths';

const mainFrame = { processId: 3, routingId: 1, url: rendererUrl };

function ownWindow(): OwnWindowLike {
  return { isDestroyed: () => false, webContents: { mainFrame } };
}

const from = (sender: unknown, frame: IpcEventLike['senderFrame']): IpcEventLike => ({ sender, senderFrame: frame });

describe('IPC from the window', () => {
  it('passes a well-formed command from our page', () => {
    const win = ownWindow();
    const checked = checkCommand(from(win.webContents, mainFrame), win, { type: 'project/open', path: 'demo' });
    expect(checked).toEqual({ ok: true, value: { type: 'project/open', path: 'demo' } });
  });

  it('answers a malformed command with an error naming the problem', () => {
    const win = ownWindow();
    const checked = checkCommand(from(win.webContents, mainFrame), win, { type: 'project/open', path: 42 });
    expect(checked.ok).toBe(false);
    expect(checked).toMatchObject({ foreign: false, error: { code: 'malformed-command', message: expect.stringMatching(/path/) } });
    expect(checkCommand(from(win.webContents, mainFrame), win, { type: 'disk/format' })).toMatchObject({ error: { code: 'unknown-command' } });
  });

  it('drops messages from another window, a subframe, or a page that is not ours', () => {
    const win = ownWindow();
    const command = { type: 'state/get' };
    expect(checkCommand(from({ other: 'contents' }, mainFrame), win, command)).toEqual({ ok: false, foreign: true });
    expect(checkCommand(from(win.webContents, { ...mainFrame, routingId: 9 }), win, command)).toEqual({ ok: false, foreign: true });
    expect(checkCommand(from(win.webContents, { ...mainFrame, url: 'https://evil.example/index.html' }), win, command)).toEqual({ ok: false, foreign: true });
    expect(checkCommand(from(win.webContents, null), win, command)).toEqual({ ok: false, foreign: true });
    expect(checkCommand(from(win.webContents, mainFrame), { ...win, isDestroyed: () => true }, command)).toEqual({ ok: false, foreign: true });
    expect(checkCommand(from(win.webContents, mainFrame), null, command)).toEqual({ ok: false, foreign: true });
  });

  it('keeps our page when only its query or hash differ', () => {
    const win = ownWindow();
    expect(checkCommand(from(win.webContents, { ...mainFrame, url: `${rendererUrl}?x=1#charts` }), win, { type: 'state/get' }).ok).toBe(true);
  });

  it('validates shell requests the same way', () => {
    const win = ownWindow();
    expect(checkShellRequest(from(win.webContents, mainFrame), win, { type: 'trainer/restart' })).toEqual({ ok: true, value: { type: 'trainer/restart' } });
    expect(checkShellRequest(from(win.webContents, mainFrame), win, { type: 'remote/connect', url: 7 })).toMatchObject({ ok: false, foreign: false });
    expect(checkShellRequest(from(win.webContents, mainFrame), win, { type: 'trainer/restart', extra: true })).toMatchObject({ ok: false, foreign: false });
    expect(checkShellRequest(from({}, mainFrame), win, { type: 'trainer/restart' })).toEqual({ ok: false, foreign: true });
  });
});
