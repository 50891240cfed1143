/**
 * What a person can do about each kind of trainer error, said once beside the trainer's own
 * sentence. Conditions the studio can explain (a dataset with too few or too short clips, a
 * run that is training, a bad run id) arrive with their own code and a sentence that says what
 * to do; only a failure nobody foresaw is 'internal', and only that asks to be reported.
 */
import type { ErrorCode } from '../../trainer/protocol';

const ADVICE: Partial<Record<ErrorCode, string>> = {
  'no-project': 'Open the demo project or create one in the Project panel.',
  'no-run': 'Pick a run from the Runs list, or create one with New run.',
  busy: 'Pause or stop the run that is training first.',
  'invalid-state': 'Check the run’s state in the Runs list.',
  dataset: 'Fix or remove the files named, then import again.',
  io: 'Check the disk has space and the folder can be written, then try again.',
  backend: 'Restart the trainer; STAGECRAFT_BACKEND=wasm forces the portable backend.',
  'protocol-version': 'Rebuild Stagecraft (npm run build) so the window and the trainer match.',
  internal: 'Stagecraft did not expect this. If it happens again, report this message with what you did just before.',
};

/** A data file named in quotes: only then is "fix the files named" advice that fits. */
const NAMES_A_FILE = /'[^']+\.(bvh|wav|json)'/i;

export function errorAdvice(code: ErrorCode, message: string): string | null {
  const advice = ADVICE[code];
  // The trainer's sentence often says what to do already ("…; stop it first."): do not say it twice.
  if (!advice || /\b(first|again|instead)\.?$/i.test(message.trim())) return null;
  if (code === 'dataset' && !NAMES_A_FILE.test(message)) return null;
  return advice;
}
