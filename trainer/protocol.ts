/**
 * THE contract between the trainer and everything that talks to it: commands in, events out.
 * Schemas are defined once here; types are derived with z.infer. Pure: imports nothing but zod,
 * so electron/, renderer/ and trainer/ can all share it.
 */
import { z } from 'zod';

/** Bumped whenever a command or event changes shape; `hello` carries it both ways. */
export const PROTOCOL_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Shared shapes

export const BackendName = z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof BackendName>;

export const RunState = z.enum(['idle', 'running', 'paused', 'stopped', 'failed']);
export type RunState = z.infer<typeof RunState>;

/** Live training controls, applied atomically between two optimizer steps. */
export const Controls = z.strictObject({
  /** Adam step size; changing it mid-run is the most common manual intervention. */
  learningRate: z.number().positive().max(1),
});
export type Controls = z.infer<typeof Controls>;
export const ControlsPatch = Controls.partial();
export type ControlsPatch = z.infer<typeof ControlsPatch>;

export const RunSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  recipe: z.string(),
  preset: z.string(),
  dataset: z.string(),
  state: RunState,
  step: z.number().int().nonnegative(),
  /** The controls as last applied, so any window can show them without waiting for a change. */
  controls: Controls,
  createdAt: z.string(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const ProjectInfo = z.strictObject({
  path: z.string(),
  name: z.string(),
  datasets: z.array(z.string()),
  runs: z.array(RunSummary),
});
export type ProjectInfo = z.infer<typeof ProjectInfo>;

/** One logged step. A null value is a non-finite number (JSON cannot carry NaN or Infinity). */
export const MetricPoint = z.strictObject({
  step: z.number().int().nonnegative(),
  time: z.number(),
  values: z.record(z.string(), z.number().nullable()),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

export const SnapshotInfo = z.strictObject({
  id: z.string(),
  step: z.number().int().nonnegative(),
  reason: z.string(),
  label: z.string(),
  createdAt: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;

export const ErrorCode = z.enum([
  'malformed-command',
  'unknown-command',
  'protocol-version',
  'no-project',
  'no-run',
  'invalid-state',
  'busy',
  'dataset',
  'io',
  'backend',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

// ---------------------------------------------------------------------------------------------
// Commands (renderer → trainer). `requestId` is echoed on the events that answer a command.

const requestId = z.string().max(100).optional();
const runId = z.string().min(1).max(200);

export const Command = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), requestId, protocolVersion: z.number().int(), client: z.string().max(100) }),
  z.strictObject({ type: z.literal('state/get'), requestId }),
  z.strictObject({ type: z.literal('project/open'), requestId, path: z.string().min(1).max(4096) }),
  z.strictObject({
    type: z.literal('project/create'),
    requestId,
    path: z.string().min(1).max(4096),
    name: z.string().min(1).max(200),
    /** Write the built-in demo dataset into the project so it trains out of the box. */
    withDemo: z.boolean().default(true),
  }),
  z.strictObject({ type: z.literal('run/list'), requestId }),
  z.strictObject({
    type: z.literal('run/create'),
    requestId,
    name: z.string().min(1).max(200).optional(),
    recipe: z.string().min(1).max(100),
    preset: z.string().min(1).max(100).optional(),
    dataset: z.string().min(1).max(200).optional(),
    seed: z.number().int().nonnegative().optional(),
    controls: ControlsPatch.optional(),
  }),
  z.strictObject({ type: z.literal('run/start'), requestId, runId }),
  z.strictObject({ type: z.literal('run/pause'), requestId, runId }),
  z.strictObject({ type: z.literal('run/resume'), requestId, runId }),
  z.strictObject({ type: z.literal('run/stop'), requestId, runId }),
  z.strictObject({ type: z.literal('controls/set'), requestId, runId, controls: ControlsPatch }),
  z.strictObject({ type: z.literal('snapshot/take'), requestId, runId, label: z.string().max(200).default('') }),
]);
export type Command = z.infer<typeof Command>;
export type CommandInput = z.input<typeof Command>;
export type CommandType = Command['type'];
export const COMMAND_TYPES = Command.options.map((o) => o.shape.type.value) as readonly CommandType[];

// ---------------------------------------------------------------------------------------------
// Events (trainer → renderer)

export const ActiveRun = z.strictObject({
  run: RunSummary,
  controls: Controls,
  /** Every logged point of this run so far, so a reconnecting window can redraw its charts. */
  metrics: z.array(MetricPoint),
  snapshots: z.array(SnapshotInfo),
});
export type ActiveRun = z.infer<typeof ActiveRun>;

export const TrainerEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    requestId,
    protocolVersion: z.number().int(),
    trainerVersion: z.string(),
    pid: z.number().int(),
  }),
  z.strictObject({
    type: z.literal('backend/selected'),
    backend: BackendName,
    /** What the user forced (setting or env var), if anything. */
    requested: BackendName.nullable(),
    /** Backends tried before this one, and why each was passed over. */
    skipped: z.array(z.strictObject({ backend: BackendName, reason: z.string() })),
  }),
  z.strictObject({
    type: z.literal('session/state'),
    requestId,
    backend: BackendName.nullable(),
    project: ProjectInfo.nullable(),
    active: ActiveRun.nullable(),
  }),
  z.strictObject({ type: z.literal('project/opened'), requestId, project: ProjectInfo }),
  z.strictObject({ type: z.literal('run/list'), requestId, runs: z.array(RunSummary) }),
  z.strictObject({ type: z.literal('run/created'), requestId, run: RunSummary }),
  z.strictObject({
    type: z.literal('run/state'),
    requestId,
    run: RunSummary,
    /** Why the state changed, in words a person reads ("stopped by user"). */
    reason: z.string(),
  }),
  z.strictObject({ type: z.literal('metrics/batch'), runId, points: z.array(MetricPoint) }),
  z.strictObject({
    type: z.literal('controls/applied'),
    requestId,
    runId,
    /** The step the new controls first took effect at. */
    step: z.number().int().nonnegative(),
    controls: Controls,
    changed: z.array(z.string()),
  }),
  z.strictObject({ type: z.literal('snapshot/taken'), requestId, runId, snapshot: SnapshotInfo }),
  z.strictObject({
    type: z.literal('error'),
    requestId,
    code: ErrorCode,
    message: z.string(),
    commandType: z.string().optional(),
  }),
  /** Sent by whatever hosts the trainer process (serve bridge, Electron main) when it dies. */
  z.strictObject({
    type: z.literal('trainer/exited'),
    code: z.number().int().nullable(),
    signal: z.string().nullable(),
    message: z.string(),
  }),
]);
export type TrainerEvent = z.infer<typeof TrainerEvent>;
export type EventOf<T extends TrainerEvent['type']> = Extract<TrainerEvent, { type: T }>;
export type ErrorEvent = EventOf<'error'>;

// ---------------------------------------------------------------------------------------------
// Parsing at trust boundaries

export type ParsedCommand = { ok: true; command: Command } | { ok: false; error: ErrorEvent };

/** Validates an untrusted message; the error says whether the type is unknown or the shape is wrong. */
export function parseCommand(raw: unknown): ParsedCommand {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      error: { type: 'error', code: 'malformed-command', message: 'A command must be a JSON object with a "type"; nothing was changed.' },
    };
  }
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  const rid = typeof raw === 'object' && raw !== null ? (raw as { requestId?: unknown }).requestId : undefined;
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
    error: { type: 'error', ...echo, code: 'malformed-command', commandType: type, message: `Malformed '${type}' command (${issues}); nothing was changed.` },
  };
}

// ---------------------------------------------------------------------------------------------
// The window-side bridge (Electron preload exposes it as window.stagecraft)

/** What the renderer can do with a trainer, whatever carries the messages. */
export interface StagecraftBridge {
  /** Sends a command; the host validates it before it reaches the trainer. */
  send(command: CommandInput): void;
  /** Subscribes to every trainer event; returns its own unsubscribe. */
  onEvent(listener: (event: TrainerEvent) => void): () => void;
}
