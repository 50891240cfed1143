/**
 * IPC channel names shared by main and the preload. Kept free of runtime imports, so the
 * sandboxed preload (which can only require 'electron') pulls in nothing else.
 */
import type { PATH_COMMAND_TYPES } from '../trainer/protocol';

/** protocol.ts's PATH_COMMAND_TYPES, repeated without zod; channels.test.ts keeps the two equal. */
export const PATH_COMMANDS: typeof PATH_COMMAND_TYPES = ['project/open', 'project/create', 'motion/export', 'dataset/import'];

/** Window → main: asks for a (new) direct port to the trainer. Main → window: here it is. */
export const PORT_CHANNEL = 'stagecraft:port';
/** Window → main: commands that name paths, which main checks (sender, schema) before the trainer confines them. */
export const COMMAND_CHANNEL = 'stagecraft:command';
/** Main → window: events main itself produces (trainer/exited, refused path commands). */
export const EVENT_CHANNEL = 'stagecraft:event';
/** Window → main: shell requests (restart the trainer, connect to a remote one). */
export const SHELL_CHANNEL = 'stagecraft:shell';
/** Main → window: menu intents the window carries out itself. */
export const INTENT_CHANNEL = 'stagecraft:intent';
