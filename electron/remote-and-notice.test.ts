/** Pure parts of the shell's remote-trainer window and GPU notice. */
import { describe, expect, it } from 'vitest';
import { backendNotice } from './backend-notice';
import { parseRemoteAddress, remoteContentSecurityPolicy } from './remote-trainer';

describe('remote trainer address', () => {
  it('accepts the line serve mode prints', () => {
    expect(parseRemoteAddress(' http://10.0.0.5:7860/?token=abc#x ')).toEqual({ ok: true, url: 'http://10.0.0.5:7860/?token=abc', origin: 'http://10.0.0.5:7860' });
  });

  it('refuses addresses without a token, other schemes, credentials and junk, saying why', () => {
    expect(parseRemoteAddress('http://10.0.0.5:7860/')).toMatchObject({ ok: false, message: expect.stringMatching(/no \?token/) });
    expect(parseRemoteAddress('file:///etc/passwd?token=a')).toMatchObject({ ok: false, message: expect.stringMatching(/Only http/) });
    expect(parseRemoteAddress('http://me:pw@h/?token=a')).toMatchObject({ ok: false, message: expect.stringMatching(/user name/) });
    expect(parseRemoteAddress('gpu box')).toMatchObject({ ok: false, message: expect.stringMatching(/not an address/) });
  });

  it('lets the remote page open sockets only to its own host', () => {
    expect(remoteContentSecurityPolicy('https://gpu:443')).toMatch(/connect-src 'self' wss:\/\/gpu:443;/);
  });
});

describe('backend notice', () => {
  it('explains a GPU that was asked for and not used, with the reason', () => {
    const text = backendNotice({ type: 'backend/selected', backend: 'wasm', requested: 'tensorflow-gpu', skipped: [{ backend: 'tensorflow-gpu', reason: 'libcudart.so.11 not found' }], kernels: { kind: 'custom' } });
    expect(text).toMatch(/GPU backend.*not available: libcudart.so.11 not found.*'wasm'/);
  });

  it('stays quiet when nothing was forced or the forced one started', () => {
    expect(backendNotice({ type: 'backend/selected', backend: 'wasm', requested: null, skipped: [], kernels: { kind: 'custom' } })).toBeNull();
    expect(backendNotice({ type: 'backend/selected', backend: 'cpu', requested: 'cpu', skipped: [], kernels: { kind: 'stock', reason: 'not wasm' } })).toBeNull();
  });
});
