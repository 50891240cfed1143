import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../transport/renderer-transport';
import { connectionAdvice, connectionLabel, liveReading, shownRunState, UNKNOWN_RUN_STATE } from './connection-truth';

const NOT_CONNECTED: ConnectionStatus[] = ['connecting', 'disconnected', 'locked-out', 'token-refused', 'token-replaced'];

describe('what the window claims about the connection', () => {
  it('shows the trainer’s run state only while connected', () => {
    expect(shownRunState('running', 'connected')).toBe('running');
    for (const connection of NOT_CONNECTED) expect(shownRunState('running', connection)).toBe(UNKNOWN_RUN_STATE);
  });

  it('shows no live speed while disconnected or after the trainer stopped', () => {
    expect(liveReading(6.2, 'connected', false)).toBe(6.2);
    expect(liveReading(6.2, 'connected', true)).toBeNull();
    for (const connection of NOT_CONNECTED) expect(liveReading(6.2, connection, false)).toBeNull();
  });

  it('names each way of not being connected, and puts it before a stopped trainer', () => {
    expect(connectionLabel('connected', false)).toBe('connected');
    expect(connectionLabel('connected', true)).toBe('trainer stopped');
    expect(connectionLabel('disconnected', true)).toBe('disconnected');
    expect(connectionLabel('token-refused', false)).toBe('token refused');
    expect(connectionLabel('token-replaced', false)).toBe('server restarted');
  });

  it('says what to do for each way of not being connected', () => {
    expect(connectionAdvice('connected')).toBeNull();
    expect(connectionAdvice('connecting')).toBeNull();
    expect(connectionAdvice('disconnected')).toMatch(/retrying.*serve mode is still running/);
    expect(connectionAdvice('token-refused')).toMatch(/refused the token.*stopped trying.*Open the address serve mode printed/);
    expect(connectionAdvice('token-replaced')).toMatch(/restarted with a new token.*Open the new address it printed/);
    expect(connectionAdvice('locked-out')).toMatch(/too many wrong tokens/);
  });
});
