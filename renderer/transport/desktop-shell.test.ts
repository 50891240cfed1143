import { describe, expect, it } from 'vitest';
import { desktopShell, remoteAddressProblem } from './desktop-shell';

describe('desktop shell access', () => {
  it('is absent in a browser and present under Electron', () => {
    expect(desktopShell({} as Window)).toBeNull();
    const shell = { request: () => {}, onIntent: () => () => {} };
    expect(desktopShell({ stagecraft: { send: () => {}, onEvent: () => () => {}, shell } } as unknown as Window)).toBe(shell);
  });

  it('checks a remote address before sending it', () => {
    expect(remoteAddressProblem('http://10.0.0.5:7860/?token=abc')).toBeNull();
    expect(remoteAddressProblem('10.0.0.5:7860')).toMatch(/http/);
    expect(remoteAddressProblem('http://10.0.0.5:7860/')).toMatch(/token/);
    expect(remoteAddressProblem('nonsense')).toMatch(/whole address/);
  });
});
