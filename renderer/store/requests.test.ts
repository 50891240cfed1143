import { describe, expect, it } from 'vitest';
import { TrainerEvent } from '../../trainer/protocol';
import { createAppStore } from './app-store';
import { failPending, newestRequest, requestById, requestSent, requestsAfter, type SentRequest } from './requests';
import { plan, project, run } from './test-fixtures';

const after = (requests: readonly SentRequest[], raw: unknown) => requestsAfter(requests, TrainerEvent.parse(raw));
const updated = (requestId?: string) => ({ type: 'plan/updated', ...(requestId ? { requestId } : {}), runId: 'r1', plan, stage: { index: 0, startedAt: 0 } });
const pending = requestSent([], { type: 'plan/set', runId: 'r1', plan }, 'plan-1');

describe('the answer to a command', () => {
  it('the first event echoing its requestId answers it; another window’s answer does not', () => {
    expect(pending).toEqual([{ requestId: 'plan-1', type: 'plan/set', runId: 'r1', status: 'pending' }]);
    expect(after(pending, updated('plan-1'))[0]?.status).toBe('answered');
    expect(after(pending, updated('plan-2'))).toBe(pending);
    expect(after(pending, updated())).toBe(pending);
  });

  it('an error with its requestId, or one naming its command with no id, fails it with the trainer’s words', () => {
    const message = "Run 'r1' is not training; start it first.";
    expect(after(pending, { type: 'error', requestId: 'plan-1', code: 'invalid-state', message, commandType: 'plan/set' })[0]).toMatchObject({ status: 'failed', message });
    expect(after(pending, { type: 'error', code: 'internal', message: 'No trainer.', commandType: 'plan/set' })[0]).toMatchObject({ status: 'failed', message: 'No trainer.' });
    const other = { type: 'error', requestId: 'x', code: 'no-project', message: 'Open a project first.', commandType: 'run/create' };
    expect(after(pending, other)).toBe(pending);
  });

  it('a trainer that dies or a connection that drops fails what is pending; an answered request stays answered', () => {
    expect(after(pending, { type: 'trainer/exited', code: 1, signal: null, message: 'The trainer exited.' })[0]).toMatchObject({ status: 'failed', message: 'The trainer exited.' });
    expect(failPending(pending, 'dropped')[0]).toMatchObject({ status: 'failed', message: 'dropped' });
    const answered = after(pending, updated('plan-1'));
    expect(after(answered, { type: 'error', requestId: 'plan-1', code: 'internal', message: 'late', commandType: 'plan/set' })).toBe(answered);
    expect(failPending(answered, 'dropped')).toBe(answered);
  });

  it('keeps every pending request and the newest settled ones', () => {
    let requests: readonly SentRequest[] = requestSent([], { type: 'run/start', runId: 'r1' }, 'first');
    for (let i = 0; i < 200; i++) requests = after(requestSent(requests, { type: 'snapshot/list', runId: 'r1' }, `list-${i}`), { type: 'snapshot/list', requestId: `list-${i}`, runId: 'r1', snapshots: [], branch: 'main', branches: [] });
    expect(requests.length).toBeLessThanOrEqual(52);
    expect(requestById(requests, 'first')?.status).toBe('pending');
    expect(requestById(requests, 'list-199')?.status).toBe('answered');
    expect(requestById(requests, 'list-0')).toBeNull();
    expect(newestRequest(requests, 'snapshot/list', 'r1')?.requestId).toBe('list-199');
    expect(newestRequest(requests, 'snapshot/list', 'r2')).toBeNull();
  });

  it('the store sends every command with a fresh requestId, and the plan changes only when the trainer says so', () => {
    const sent: unknown[] = [];
    const store = createAppStore((c) => sent.push(c));
    store.getState().applyEvent(TrainerEvent.parse({ type: 'project/opened', project: project([run('r1', { state: 'running' })]) }));
    const shorter = { name: 'Short', stages: [plan.stages[2]!] };
    const id = store.getState().setPlan('r1', shorter);
    expect(sent).toEqual([{ type: 'plan/set', requestId: id, runId: 'r1', plan: shorter }]);
    expect(requestById(store.getState().requests, id)?.status).toBe('pending');
    expect(store.getState().trainer.runs[0]?.plan.name).toBe(plan.name);

    store.getState().pauseRun('r1');
    const pauseId = (sent[1] as { requestId: string }).requestId;
    expect(pauseId).not.toBe(id);
    expect(requestById(store.getState().requests, pauseId)).toMatchObject({ type: 'run/pause', runId: 'r1', status: 'pending' });

    store.getState().applyEvent(TrainerEvent.parse({ ...updated(id), plan: shorter }));
    expect(requestById(store.getState().requests, id)?.status).toBe('answered');
    expect(store.getState().trainer.runs[0]?.plan.name).toBe('Short');

    store.getState().setConnection('connected');
    store.getState().setConnection('disconnected');
    expect(requestById(store.getState().requests, pauseId)?.status).toBe('failed');
  });
});
