/**
 * Fields that commands and events both carry. Not re-exported by trainer/protocol.ts: they are
 * parts of messages, not messages.
 */
import { z } from 'zod';

/** Echoed on the events that answer a command. */
export const requestId = z.string().max(100).optional();
export const runId = z.string().min(1).max(200);
