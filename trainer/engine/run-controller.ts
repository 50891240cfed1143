/**
 * The live side of one run: commands that arrive while it trains wait here and are applied
 * together between two optimizer steps, each reported with the step it took effect at.
 * The training loop asks `betweenSteps` once per step; while paused, that call waits.
 */
import type { Command, Controls, ErrorCode, RunState, TrainerEvent } from '../protocol.js';
import type { RunFile } from '../project/project-store.js';
import { toSummary } from '../project/project-store.js';

export type LiveCommand = Extract<Command, { type: 'run/pause' | 'run/resume' | 'run/stop' | 'controls/set' | 'snapshot/take' }>;

export interface BetweenStepsHooks {
  /** Takes a snapshot of the model as it is now; throws on failure. */
  snapshot(reason: string, label: string, requestId?: string): void;
  /** Called when the run leaves `running`, so pending metrics reach the UI. */
  flushMetrics(): void;
}

export class RunController {
  private pending: LiveCommand[] = [];
  private wake: (() => void) | null = null;

  constructor(
    readonly run: RunFile,
    private readonly emit: (event: TrainerEvent) => void,
    private readonly persist: (run: RunFile) => void,
  ) {}

  get controls(): Controls {
    return this.run.controls;
  }

  get state(): RunState {
    return this.run.state;
  }

  enqueue(command: LiveCommand): void {
    this.pending.push(command);
    this.wake?.();
  }

  setState(state: RunState, reason: string, requestId?: string): void {
    this.run.state = state;
    this.persist(this.run);
    this.emit({ type: 'run/state', ...(requestId ? { requestId } : {}), run: toSummary(this.run), reason });
  }

  /**
   * Applies every pending command at `step`; waits while paused. Returns false when the run
   * must stop. Yields to the event loop each call so that new commands can arrive.
   */
  async betweenSteps(step: number, hooks: BetweenStepsHooks): Promise<boolean> {
    this.run.step = step;
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (;;) {
      const commands = this.pending;
      this.pending = [];
      for (const command of commands) this.apply(command, step, hooks);
      if (this.run.state === 'stopped' || this.run.state === 'failed') return false;
      if (this.run.state === 'running') return true;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }

  private apply(command: LiveCommand, step: number, hooks: BetweenStepsHooks): void {
    const { requestId } = command;
    const state = this.run.state;
    switch (command.type) {
      case 'run/pause':
        if (state !== 'running') return this.reject('invalid-state', `Run '${this.run.name}' is ${state}; only a running run can pause.`, command);
        hooks.flushMetrics();
        return this.setState('paused', `paused by user at step ${step}`, requestId);
      case 'run/resume':
        if (state !== 'paused') return this.reject('invalid-state', `Run '${this.run.name}' is ${state}; only a paused run can resume.`, command);
        return this.setState('running', `resumed at step ${step}`, requestId);
      case 'run/stop':
        hooks.flushMetrics();
        return this.setState('stopped', `stopped by user at step ${step}`, requestId);
      case 'controls/set': {
        const changed = Object.entries(command.controls)
          .filter(([key, value]) => this.run.controls[key as keyof Controls] !== value)
          .map(([key]) => key);
        this.run.controls = { ...this.run.controls, ...command.controls };
        this.persist(this.run);
        this.emit({ type: 'controls/applied', ...(requestId ? { requestId } : {}), runId: this.run.id, step, controls: this.run.controls, changed });
        return;
      }
      case 'snapshot/take':
        try {
          hooks.snapshot('manual', command.label, requestId);
        } catch (error) {
          this.reject('io', `Snapshot at step ${step} failed: ${(error as Error).message}. Training continues; earlier snapshots are intact.`, command);
        }
        return;
    }
  }

  private reject(code: ErrorCode, message: string, command: LiveCommand): void {
    this.emit({ type: 'error', ...(command.requestId ? { requestId: command.requestId } : {}), code, message, commandType: command.type });
  }
}
