/** Which trainer refusal of a control change the Controls panel shows beside the controls. */
import { newestRequest, type SentRequest } from '../../store/requests';
import type { RecentError } from '../../store/trainer-view';

/**
 * The trainer's error for this run's newest `controls/set`, when the trainer refused it and
 * nobody dismissed it. A later change that applied is the newest instead, and settles it (the
 * store lets its banner error go too).
 */
export function controlsRefusal(requests: readonly SentRequest[], errors: readonly RecentError[], runId: string | null): RecentError | null {
  const newest = runId === null ? null : newestRequest(requests, 'controls/set', runId);
  if (newest?.status !== 'failed') return null;
  return errors.find((e) => e.requestId === newest.requestId && !e.dismissed) ?? null;
}
