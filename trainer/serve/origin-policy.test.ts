/** Only the studio's own page (or an origin the person named) may open the socket. */
import { describe, expect, it } from 'vitest';
import { allowedOrigins, normalizeOrigin, originCheck } from './origin-policy.js';

const machine = { addresses: ['127.0.0.1', '192.168.1.20', '::1', 'fe80::1%eth0'], name: 'gpu-box' };

describe('origin policy', () => {
  it('on loopback allows the loopback names at serve’s own port, and nothing else', () => {
    const check = originCheck(allowedOrigins({ host: '127.0.0.1', port: 7860, machine }));
    for (const ok of ['http://127.0.0.1:7860', 'http://localhost:7860', 'http://[::1]:7860', 'HTTP://LOCALHOST:7860']) expect(check(ok), ok).toEqual({ allowed: true });
    for (const bad of ['http://127.0.0.1:7861', 'https://evil.example', 'http://192.168.1.20:7860', 'null', 'file://', 'http://127.0.0.1:7860/x', '']) {
      expect(check(bad).allowed, bad).toBe(false);
    }
  });

  it('allows a missing Origin: only non-browser clients (which hold the token) send none', () => {
    expect(originCheck(allowedOrigins({ host: '127.0.0.1', port: 1, machine }))(undefined)).toEqual({ allowed: true });
  });

  it('on all addresses allows this machine’s addresses and name; elsewhere only the bound host, plus what --allow-origin adds', () => {
    const all = originCheck(allowedOrigins({ host: '0.0.0.0', port: 7860, machine }));
    for (const ok of ['http://192.168.1.20:7860', 'http://gpu-box:7860', 'http://127.0.0.1:7860']) expect(all(ok).allowed, ok).toBe(true);
    const one = originCheck(allowedOrigins({ host: '192.168.1.20', port: 7860, extra: ['https://studio.example.org'], machine }));
    expect(one('http://192.168.1.20:7860').allowed).toBe(true);
    expect(one('https://studio.example.org').allowed).toBe(true);
    expect(one('http://gpu-box:7860').allowed).toBe(false);
  });

  it('says why in the refusal, and rejects --allow-origin values that are not origins', () => {
    const verdict = originCheck(allowedOrigins({ host: '127.0.0.1', port: 7860, machine }))('https://evil.example');
    expect(verdict).toMatchObject({ allowed: false, reason: expect.stringContaining('"https://evil.example" is not this studio') });
    expect(normalizeOrigin('http://a.example:80')).toBe('http://a.example');
    expect(normalizeOrigin('http://a.example/path')).toBeNull();
    expect(() => allowedOrigins({ host: '127.0.0.1', port: 1, extra: ['gpu-box:7860'], machine })).toThrow(/--allow-origin/);
  });
});
