import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../trainer/protocol';
import { applyEvent } from './apply-event';
import { historyRequest, projectSlice } from './project-slice';
import { run } from './test-fixtures';
import { initialTrainerView, type TrainerView } from './trainer-view';

const withRuns = (runs: ReturnType<typeof run>[]): TrainerView =>
  applyEvent(initialTrainerView, { type: 'project/opened', project: { path: '/p', name: 'P', datasets: ['demo'], runs } });

describe('showing a run', () => {
  it('asks for the history of a run that trained before this window saw it, on the branch it is on', () => {
    const view = withRuns([run('r1', { state: 'stopped', step: 900, branch: 'b2' }), run('r2')]);
    expect(historyRequest(view, 'r1')).toEqual({ type: 'metrics/get', runId: 'r1', branch: 'b2' });
  });

  it('asks for nothing for a run with no steps or whose points the window already has', () => {
    const view = withRuns([run('r1', { state: 'stopped', step: 3 }), run('r2')]);
    expect(historyRequest(view, 'r2')).toBeNull();
    const withPoints = applyEvent(view, { type: 'metrics/batch', runId: 'r1', branch: 'main', points: [{ step: 3, time: 0, values: { loss: 1 } }] });
    expect(historyRequest(withPoints, 'r1')).toBeNull();
  });

  it('selects first, then sends the request', () => {
    const sent: CommandInput[] = [];
    const selected: string[] = [];
    const view = withRuns([run('r1', { state: 'stopped', step: 10 })]);
    projectSlice((c) => sent.push(c), () => view, (id) => selected.push(id)).showRun('r1');
    expect(selected).toEqual(['r1']);
    expect(sent).toEqual([{ type: 'metrics/get', runId: 'r1', branch: 'main' }]);
  });

  it('a new run sends only what was chosen: the trainer picks the showcase recipe and its preset', () => {
    const sent: CommandInput[] = [];
    const slice = projectSlice((c) => sent.push(c), () => initialTrainerView, () => {});
    slice.createRun();
    slice.createRun({ recipe: 'motion-autoencoder', preset: 'base', dataset: 'takes' });
    expect(sent).toEqual([
      { type: 'run/create' },
      { type: 'run/create', recipe: 'motion-autoencoder', preset: 'base', dataset: 'takes' },
    ]);
  });
});
