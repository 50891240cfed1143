import { describe, expect, it } from 'vitest';
import { TrainerEvent } from '../../../trainer/protocol';
import { createAppStore } from '../../store/app-store';
import { controls, project, run } from '../../store/test-fixtures';
import { controlsRefusal } from './controls-refusal';

/** A store with a running run, and what it sent. */
function store() {
  const sent: { type: string; requestId?: string }[] = [];
  const s = createAppStore((c) => sent.push(c as never));
  s.getState().applyEvent(TrainerEvent.parse({ type: 'project/opened', project: project([run('r1', { state: 'running' })]) }));
  s.getState().selectRun('r1');
  const event = (raw: unknown) => s.getState().applyEvent(TrainerEvent.parse(raw));
  const refusal = () => controlsRefusal(s.getState().requests, s.getState().trainer.errors, 'r1');
  return { s, sent, event, refusal };
}

const refused = (requestId: string, message: string) => ({ type: 'error', requestId, code: 'invalid-state', message, commandType: 'controls/set' });

describe('the refusal beside the controls', () => {
  it('is the trainer’s answer to this run’s newest control change, when it refused it', () => {
    const { s, event, refusal } = store();
    const id = s.getState().setControls('r1', { batchSize: 17 });
    expect(refusal()).toBeNull();
    event({ type: 'error', requestId: 'another-window', code: 'invalid-state', message: 'not ours', commandType: 'controls/set' });
    expect(refusal()).toBeNull();
    event(refused(id, 'Batch size 17 does not split into 2 equal micro-batches.'));
    expect(refusal()?.message).toBe('Batch size 17 does not split into 2 equal micro-batches.');
    expect(controlsRefusal(s.getState().requests, s.getState().trainer.errors, 'r2'), 'another run’s controls').toBeNull();
    s.getState().dismissError(refusal()!.id);
    expect(refusal()).toBeNull();
  });

  it('goes away, here and in the banner, once a later change applied', () => {
    const { s, event, refusal } = store();
    const first = s.getState().setControls('r1', { batchSize: 17 });
    event(refused(first, 'Batch size 17 does not split.'));
    event({ type: 'error', code: 'io', message: 'an unrelated failure' });
    const second = s.getState().setControls('r1', { batchSize: 8 });
    expect(refusal(), 'still shown while the put-right change is on its way').toBeNull();
    event({ type: 'controls/applied', requestId: second, runId: 'r1', step: 10, controls: controls({ batchSize: 8 }), changed: ['batchSize'], label: 'batchSize 8' });
    expect(refusal()).toBeNull();
    const open = s.getState().trainer.errors.filter((e) => !e.dismissed).map((e) => e.message);
    expect(open).toEqual(['an unrelated failure']);
  });
});
