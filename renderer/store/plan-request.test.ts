import { describe, expect, it } from 'vitest';
import { TrainerEvent } from '../../trainer/protocol';
import { createAppStore } from './app-store';
import { planRequestAfter, type PlanRequest } from './plan-request';
import { plan, project, run } from './test-fixtures';

const pending: PlanRequest = { requestId: 'plan-1', runId: 'r1', status: 'pending' };
const after = (request: PlanRequest | null, raw: unknown) => planRequestAfter(request, TrainerEvent.parse(raw));
const updated = (requestId?: string) => ({ type: 'plan/updated', ...(requestId ? { requestId } : {}), runId: 'r1', plan, stage: { index: 0, startedAt: 0 } });

describe('the answer to a plan/set', () => {
  it('plan/updated with its requestId applies it; another window’s plan/updated does not', () => {
    expect(after(pending, updated('plan-1'))).toEqual({ ...pending, status: 'applied' });
    expect(after(pending, updated('plan-2'))).toBe(pending);
    expect(after(pending, updated())).toBe(pending);
  });

  it('an error with its requestId, or a plan/set error with none, fails it with the trainer’s words', () => {
    const message = "Run 'r1' is not training; start it first.";
    expect(after(pending, { type: 'error', requestId: 'plan-1', code: 'invalid-state', message, commandType: 'plan/set' })).toEqual({ ...pending, status: 'failed', message });
    expect(after(pending, { type: 'error', code: 'internal', message: 'No trainer.', commandType: 'plan/set' })).toMatchObject({ status: 'failed', message: 'No trainer.' });
    const other = { type: 'error', requestId: 'x', code: 'no-project', message: 'Open a project first.', commandType: 'run/create' };
    expect(after(pending, other)).toBe(pending);
  });

  it('a trainer that dies fails it; an answered request stays answered', () => {
    expect(after(pending, { type: 'trainer/exited', code: 1, signal: null, message: 'The trainer exited.' })).toMatchObject({ status: 'failed' });
    const applied: PlanRequest = { ...pending, status: 'applied' };
    expect(after(applied, { type: 'error', requestId: 'plan-1', code: 'internal', message: 'late', commandType: 'plan/set' })).toBe(applied);
    expect(after(null, updated('plan-1'))).toBeNull();
  });

  it('the store sends plan/set with a fresh requestId and changes the plan only when the trainer says so', () => {
    const sent: unknown[] = [];
    const store = createAppStore((c) => sent.push(c));
    store.getState().applyEvent(TrainerEvent.parse({ type: 'project/opened', project: project([run('r1', { state: 'running' })]) }));
    const shorter = { name: 'Short', stages: [plan.stages[2]!] };
    const id = store.getState().setPlan('r1', shorter);
    expect(sent).toEqual([{ type: 'plan/set', requestId: id, runId: 'r1', plan: shorter }]);
    expect(store.getState().planRequest).toEqual({ requestId: id, runId: 'r1', status: 'pending' });
    expect(store.getState().trainer.runs[0]?.plan.name).toBe(plan.name);

    store.getState().applyEvent(TrainerEvent.parse({ ...updated(id), plan: shorter }));
    expect(store.getState().planRequest?.status).toBe('applied');
    expect(store.getState().trainer.runs[0]?.plan.name).toBe('Short');
    expect(store.getState().setPlan('r1', shorter)).not.toBe(id);
  });
});
