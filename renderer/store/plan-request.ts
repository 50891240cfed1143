/**
 * The window's one outstanding plan/set, matched to the trainer's answer by requestId: the
 * plan editor says "waiting", then closes on plan/updated or shows the error the trainer sent.
 * The plan itself is never taken from here: the stage panel shows only what plan/updated says.
 */
import type { TrainerEvent } from '../../trainer/protocol';

export type PlanRequest =
  | { requestId: string; runId: string; status: 'pending' }
  | { requestId: string; runId: string; status: 'applied' }
  | { requestId: string; runId: string; status: 'failed'; message: string };

export function planRequestAfter(request: PlanRequest | null, event: TrainerEvent): PlanRequest | null {
  if (request === null || request.status !== 'pending') return request;
  const { requestId, runId } = request;
  switch (event.type) {
    case 'plan/updated':
      return event.requestId === requestId ? { requestId, runId, status: 'applied' } : request;
    case 'error': {
      // A host that could not read the id back (or had no trainer to ask) still names the command.
      const ours = event.requestId === requestId || (event.requestId === undefined && event.commandType === 'plan/set');
      return ours ? { requestId, runId, status: 'failed', message: event.message } : request;
    }
    case 'trainer/exited':
      return { requestId, runId, status: 'failed', message: `${event.message} The plan was not applied.` };
    default:
      return request;
  }
}
