/**
 * Stage plans as JSON files: parsed against the protocol's schema, and a bad plan is
 * reported with the file and the field at fault ("stages.2.end.steps: …").
 */
import { readFileSync } from 'node:fs';
import { StagePlan } from '../protocol.js';

export class PlanError extends Error {}

export function parseStagePlan(json: unknown, source: string): StagePlan {
  const parsed = StagePlan.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || '(the plan)';
  throw new PlanError(`Stage plan '${source}': ${field}: ${issue?.message ?? 'invalid'}.`);
}

export function readStagePlan(file: string): StagePlan {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PlanError(`Stage plan '${file}' is not readable JSON: ${(error as Error).message}`);
  }
  return parseStagePlan(json, file);
}
