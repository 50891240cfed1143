/**
 * Every command this window sent and how the trainer answered it, matched by `requestId`: the
 * one way a component learns whether what it asked for was done. The store gives every command
 * its id as it sends it (app-store.ts); the trainer echoes that id on the events that answer it.
 * Pure: the store calls these on every event and send.
 */
import type { Command, CommandInput, TrainerEvent } from '../../trainer/protocol';

export type RequestStatus = 'pending' | 'answered' | 'failed';

export interface SentRequest {
  requestId: string;
  type: Command['type'];
  runId?: string;
  status: RequestStatus;
  /** Why it failed, in the trainer's (or the window's) words. */
  message?: string;
}

/** Settled requests kept for components to read their answer; pending ones are always kept. */
const SETTLED_KEPT = 50;

/** `command` was sent with `requestId`: it is pending until an event answers it. */
export function requestSent(requests: readonly SentRequest[], command: CommandInput, requestId: string): SentRequest[] {
  const runId = 'runId' in command && typeof command.runId === 'string' ? command.runId : undefined;
  const sent: SentRequest = { requestId, type: command.type, ...(runId ? { runId } : {}), status: 'pending' };
  const settled = requests.filter((r) => r.status !== 'pending');
  const drop = new Set(settled.slice(0, Math.max(0, settled.length - SETTLED_KEPT)));
  return [...requests.filter((r) => !drop.has(r)), sent];
}

/**
 * The requests after `event`: the first event echoing a pending request's id answers it (an
 * error fails it, with the message). A host that could not read the id back (a trainer that is
 * gone) names the command instead: that fails the oldest pending request of the type. A trainer
 * that exits answers nothing it was asked.
 */
export function requestsAfter(requests: readonly SentRequest[], event: TrainerEvent): readonly SentRequest[] {
  if (event.type === 'trainer/exited') return failPending(requests, event.message);
  const requestId = 'requestId' in event ? event.requestId : undefined;
  const index =
    requestId !== undefined
      ? requests.findIndex((r) => r.requestId === requestId && r.status === 'pending')
      : event.type === 'error' && event.commandType
        ? requests.findIndex((r) => r.type === event.commandType && r.status === 'pending')
        : -1;
  if (index < 0) return requests;
  const answered: SentRequest = event.type === 'error' ? { ...requests[index]!, status: 'failed', message: event.message } : { ...requests[index]!, status: 'answered' };
  return requests.map((r, i) => (i === index ? answered : r));
}

/** The connection dropped (or the trainer went away): nothing pending will be answered. */
export function failPending(requests: readonly SentRequest[], message: string): readonly SentRequest[] {
  if (!requests.some((r) => r.status === 'pending')) return requests;
  return requests.map((r) => (r.status === 'pending' ? { ...r, status: 'failed', message } : r));
}

export function requestById(requests: readonly SentRequest[], requestId: string | null): SentRequest | null {
  return requestId === null ? null : (requests.find((r) => r.requestId === requestId) ?? null);
}

/** The newest request of `type` for `runId`, whatever its status. */
export function newestRequest(requests: readonly SentRequest[], type: Command['type'], runId: string): SentRequest | null {
  for (let i = requests.length - 1; i >= 0; i--) if (requests[i]!.type === type && requests[i]!.runId === runId) return requests[i]!;
  return null;
}
