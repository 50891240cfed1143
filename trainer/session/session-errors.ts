/** Turns whatever a command handler threw into an error event a person can act on. */
import { answering, type Command, type ErrorCode, type ErrorEvent } from '../protocol.js';
import { ProjectError } from '../project/project-store.js';
import { StartWeightsError } from '../project/start-weights.js';
import { ControlsError } from '../engine/controls.js';
import { GrowthError } from '../engine/growth.js';
import { FileRefusedError } from '../paths/regular-file.js';
import { DatasetError } from '../data/dataset-error.js';
import { RecipeError } from '../recipes/registry.js';
import { PlanError } from '../recipes/stage-plan-file.js';

/** An error whose code and message are meant for the user as they stand. */
export class SessionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function errorEvent(error: unknown, command: Command): ErrorEvent {
  const base = { type: 'error' as const, ...answering(command.requestId), commandType: command.type };
  if (error instanceof SessionError) return { ...base, code: error.code, message: error.message };
  if (error instanceof ProjectError) return { ...base, code: 'io', message: error.message };
  if (error instanceof StartWeightsError) return { ...base, code: error.code, message: error.message };
  if (error instanceof FileRefusedError) return { ...base, code: 'invalid-state', message: error.problem.startsWith('is ') ? `'${error.file}' ${error.problem}.` : `${error.message}.` };
  // Too few or too short clips, a dataset that no longer loads: the person can fix it, so it is not 'internal'.
  if (error instanceof DatasetError) return { ...base, code: 'dataset', message: error.message };
  if (error instanceof RecipeError || error instanceof ControlsError || error instanceof GrowthError || error instanceof PlanError) {
    return { ...base, code: 'malformed-command', message: error.message };
  }
  const err = error as NodeJS.ErrnoException;
  if (err?.code === 'ENOSPC') return { ...base, code: 'io', message: `The disk is full (${err.message}); nothing was lost, free some space and try again.` };
  if (err?.code && typeof err.code === 'string' && err.code.startsWith('E')) return { ...base, code: 'io', message: err.message };
  return { ...base, code: 'internal', message: `'${command.type}' failed: ${err?.message ?? String(error)}` };
}
