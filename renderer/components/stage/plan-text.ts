/**
 * A stage plan as the text a person edits: parsed as JSON, then checked against the protocol's
 * schema. The first problem becomes one sentence that names the field at fault, the same way
 * the trainer names it for a plan file ("stages.2.end.steps: …").
 */
import { StagePlan } from '../../../trainer/protocol';

export type PlanCheck = { ok: true; plan: StagePlan } | { ok: false; message: string };

export function checkPlanText(text: string): PlanCheck {
  if (text.trim() === '') return { ok: false, message: 'The plan is empty: paste or load a plan JSON file.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${(error as Error).message}` };
  }
  const parsed = StagePlan.safeParse(json);
  if (parsed.success) return { ok: true, plan: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'The plan';
  return { ok: false, message: `${field}: ${describeIssue(issue?.message)}` };
}

/** zod says "received undefined" for a field that is not there; a person says "missing". */
function describeIssue(message: string | undefined): string {
  if (!message) return 'Not valid.';
  const missing = /^Invalid input: (expected [^,]+), received undefined$/.exec(message);
  return missing ? `Missing (${missing[1]})` : message;
}

/** The plan as the editor first shows it, and as a file on disk: two-space JSON, newline at the end. */
export function planToText(plan: StagePlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** "Autoencoder: warp, sharpen" → "Autoencoder- warp, sharpen.json": a file name every OS accepts. */
export function planFileName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  return `${safe || 'plan'}.json`;
}

/** The name a plan's text gives itself, for the file name; falls back when the text is not a plan yet. */
export function planNameIn(text: string, fallback: string): string {
  try {
    const name = (JSON.parse(text) as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name.trim() !== '' ? name : fallback;
  } catch {
    return fallback;
  }
}
