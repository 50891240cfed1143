/**
 * Parsing at trust boundaries; the window-side bridge (Electron preload exposes it as
 * window.stagecraft); the desktop shell beside the trainer. Part of the contract that
 * trainer/protocol.ts exports whole: imports only zod and its sibling parts.
 */
import { z } from 'zod';
import { COMMAND_TYPES, Command, CommandInput, CommandType } from './commands.js';
import { ErrorEvent, TrainerEvent } from './events.js';

export type ParsedCommand = { ok: true; command: Command } | { ok: false; error: ErrorEvent };

/** Validates an untrusted message; the error says whether the type is unknown or the shape is wrong. */
export function parseCommand(raw: unknown): ParsedCommand {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      error: { type: 'error', code: 'malformed-command', message: 'A command must be a JSON object with a "type"; nothing was changed.' },
    };
  }
  const { type, requestId: rid } = raw as { type?: unknown; requestId?: unknown };
  const echo = typeof rid === 'string' && rid.length <= 100 ? { requestId: rid } : {};
  if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      error: {
        type: 'error',
        ...echo,
        code: 'unknown-command',
        message: `Unknown command ${JSON.stringify(typeof type === 'string' ? type.slice(0, 100) : type ?? null)}; nothing was changed.`,
      },
    };
  }
  const parsed = Command.safeParse(raw);
  if (parsed.success) return { ok: true, command: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`)
    .join('; ');
  return {
    ok: false,
    error: { type: 'error', ...echo, code: 'malformed-command', commandType: type as CommandType, message: `Malformed '${type}' command (${issues}); nothing was changed.` },
  };
}

/** What the renderer can do with a trainer, whatever carries the messages. */
export interface StagecraftBridge {
  /** Sends a command; the host validates it before it reaches the trainer. */
  send(command: CommandInput): void;
  /** Subscribes to every trainer event; returns its own unsubscribe. */
  onEvent(listener: (event: TrainerEvent) => void): () => void;
  /** The desktop shell's own services; absent outside Electron. */
  shell?: StagecraftShell;
}

/**
 * Commands that name files or folders. The trainer confines their paths to the data folder, the
 * open project and folders the person granted (trainer/paths/path-confinement.ts); in Electron
 * they also go through the main process, and the trainer refuses them on the window's direct port.
 */
export const PATH_COMMAND_TYPES = ['project/open', 'project/create', 'motion/export', 'dataset/import'] as const satisfies readonly CommandType[];

/** What Electron's main sends the trainer on parentPort, with the window's end of a fresh channel in `ports`. */
export const WINDOW_PORT_HANDOVER = 'stagecraft/window-port';
/** What main sends on parentPort when the person picked a folder or file: `{ type, path }`. */
export const PATH_GRANT = 'stagecraft/grant-path';
/** Events main keeps track of (beside the answers to its own requests) to stop gracefully and to resume after a crash. */
export const HOST_EVENT_TYPES: readonly TrainerEvent['type'][] = ['hello', 'backend/selected', 'project/opened', 'run/created', 'run/state', 'snapshot/taken'];

export const ShellRequest = z.discriminatedUnion('type', [
  /** Starts a fresh trainer after a crash, reopens the project and resumes what can be resumed. */
  z.strictObject({ type: z.literal('trainer/restart') }),
  /** Opens a serve-mode studio on another machine: its address as printed, with ?token=. */
  z.strictObject({ type: z.literal('remote/connect'), url: z.string().min(1).max(2048) }),
]);
export type ShellRequest = z.infer<typeof ShellRequest>;

/** Menu actions the window carries out itself (everything else main sends as commands). */
export const ShellIntent = z.discriminatedUnion('type', [z.strictObject({ type: z.literal('remote/connect-dialog') })]);
export type ShellIntent = z.infer<typeof ShellIntent>;

export interface StagecraftShell {
  request(request: ShellRequest): void;
  /** Subscribes to menu intents; returns its own unsubscribe. */
  onIntent(listener: (intent: ShellIntent) => void): () => void;
}
