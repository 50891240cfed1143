import { describe, expect, it } from 'vitest';
import { fetchTokenVerdict, tokenCheckUrl } from './token-check';

/** A fetch that answers with `status` (and headers), or fails like a dead server when status is null. */
function answering(status: number | null, headers: Record<string, string> = {}): typeof fetch {
  return async () => {
    if (status === null) throw new TypeError('Failed to fetch');
    return new Response(null, { status, headers });
  };
}

describe('the page’s token check', () => {
  it('asks the check route beside the socket, over the page’s own scheme', () => {
    expect(tokenCheckUrl('ws://127.0.0.1:5000/ws?token=a%20b')).toBe('http://127.0.0.1:5000/ws/check?token=a%20b');
    expect(tokenCheckUrl('wss://gpu-box/ws?token=x')).toBe('https://gpu-box/ws/check?token=x');
  });

  it('tells a right token, a refused one, a refused address, a lock-out and a server that is not there apart', async () => {
    const url = 'ws://h/ws?token=t';
    expect(await fetchTokenVerdict(answering(204))(url)).toEqual({ kind: 'accepted' });
    expect(await fetchTokenVerdict(answering(401))(url)).toEqual({ kind: 'refused' });
    expect(await fetchTokenVerdict(answering(403))(url), 'a page opened under a name serve does not take').toEqual({ kind: 'origin-refused' });
    expect(await fetchTokenVerdict(answering(429, { 'Retry-After': '4' }))(url)).toEqual({ kind: 'locked-out', retryAfterMs: 4000 });
    expect(await fetchTokenVerdict(answering(429))(url)).toEqual({ kind: 'locked-out', retryAfterMs: 1000 });
    expect(await fetchTokenVerdict(answering(null))(url)).toEqual({ kind: 'unreachable' });
    expect(await fetchTokenVerdict(answering(502))(url), 'a proxy whose server is gone').toEqual({ kind: 'unreachable' });
  });
});
