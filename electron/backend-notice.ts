/** The sentence a person sees when the backend they asked for (e.g. the GPU) could not start. */
import type { EventOf } from '../trainer/protocol';

export function backendNotice(event: EventOf<'backend/selected'>): string | null {
  if (event.requested === null || event.requested === event.backend) return null;
  const reasons = event.skipped.filter((s) => s.backend === event.requested).map((s) => s.reason);
  const why = reasons.length > 0 ? reasons.join('; ') : 'it did not start';
  const gpu = event.requested === 'tensorflow-gpu' ? 'The GPU backend (tensorflow-gpu)' : `The '${event.requested}' backend`;
  return `${gpu} was requested but is not available: ${why}. Training runs on '${event.backend}' instead, which is slower.`;
}
