/**
 * Runs the trainer in an Electron utilityProcess and looks after it: hands the window a direct
 * MessagePort to it (metrics never pass through main), notices a crash, restarts on request and
 * reopens the project, and on quit stops the live run politely before ending the process.
 *
 * Only `utilityProcess` and `MessageChannelMain` come from Electron, so tests mock 'electron'
 * at the module boundary and drive the rest as it is.
 */
import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess } from 'electron';
import { HOST_EVENT_TYPES, PATH_GRANT, WINDOW_PORT_HANDOVER, type Command, type TrainerEvent } from '../trainer/protocol';
import { EMPTY_STATE, reopenCommand, resumeCommand, stopCommands, trackHostEvent, type SupervisedState } from './supervised-state';

export interface SupervisorOptions {
  entry: string;
  env: Record<string, string>;
  /** How long the trainer gets to stop its run (and snapshot, if asked) before it is ended anyway. */
  stopTimeoutMs?: number;
  /** How long an ended trainer gets to exit before it is killed outright. */
  killTimeoutMs?: number;
  /** Called on every start (first and after restarts): the place to give the window its port. */
  onSpawn?: () => void;
  /** Every event main is sent (see HOST_EVENT_TYPES), after the supervisor has noted it. */
  onHostEvent?: (event: TrainerEvent) => void;
  /** The trainer went away without being asked: say so and offer a restart. */
  onCrash?: (exit: TrainerExited) => void;
  log?: (line: string) => void;
}

export type TrainerExited = Extract<TrainerEvent, { type: 'trainer/exited' }>;
export type StopOutcome = 'not-running' | 'exited' | 'killed';

const DEFAULT_STOP_TIMEOUT_MS = 15_000;
const DEFAULT_KILL_TIMEOUT_MS = 3_000;
/** A fresh trainer picks its backend before it opens the project; that can take a while. */
const REOPEN_TIMEOUT_MS = 60_000;

export class TrainerSupervisor {
  private child: UtilityProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private stopping = false;
  private nextRequest = 0;
  private readonly waiting = new Map<string, (event: TrainerEvent | null) => void>();
  private tracked: SupervisedState = EMPTY_STATE;
  /** Folders and files the person picked in dialogs: every trainer this supervisor starts is told them first. */
  private readonly grants = new Set<string>();

  constructor(private readonly options: SupervisorOptions) {}

  get state(): SupervisedState {
    return this.tracked;
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child) return;
    const child = utilityProcess.fork(this.options.entry, [], { serviceName: 'Stagecraft trainer', stdio: 'pipe', env: this.options.env });
    this.child = child;
    this.stopping = false;
    // With stdio 'pipe' the output must be drained, or a full pipe would stall the trainer.
    child.stdout?.on('data', (chunk: Buffer) => this.log(prefixLines('[trainer] ', chunk)));
    child.stderr?.on('data', (chunk: Buffer) => this.log(prefixLines('[trainer] ', chunk)));
    child.on('message', (event: TrainerEvent) => this.receive(event));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code: number) => {
        this.onExit(child, code);
        resolve();
      });
    });
    // Before anything else is sent: a restarted trainer reopens a project that may lie in a picked folder.
    for (const path of this.grants) child.postMessage({ type: PATH_GRANT, path });
    this.options.onSpawn?.();
  }

  /**
   * Lets the trainer use a folder or file the person picked in a native dialog (the trainer
   * confines every path a command names; see trainer/paths/path-confinement.ts). Sent on
   * parentPort ahead of the command that names it, and again to every restarted trainer.
   */
  grant(path: string): void {
    this.grants.add(path);
    this.child?.postMessage({ type: PATH_GRANT, path });
  }

  /** A fresh channel to the trainer; the returned end is for the window (null when no trainer runs). */
  connectWindow(): MessagePortMain | null {
    if (!this.child) return null;
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: WINDOW_PORT_HANDOVER }, [port1]);
    return port2;
  }

  /** Sends a command main made or checked itself; false when there is no trainer to take it. */
  send(command: Command): boolean {
    if (!this.child) return false;
    this.child.postMessage(command);
    return true;
  }

  /** Sends a command and resolves with its first answer, or null if none comes in time or the trainer dies. */
  request(command: Command & { requestId: string }, timeoutMs: number): Promise<TrainerEvent | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(null), timeoutMs);
      const settle = (event: TrainerEvent | null) => {
        clearTimeout(timer);
        this.waiting.delete(command.requestId);
        resolve(event);
      };
      this.waiting.set(command.requestId, settle);
      if (!this.send(command)) settle(null);
    });
  }

  /**
   * Starts a fresh trainer (ending the old one first, if any), reopens the project, and resumes
   * the run a crash interrupted from its last good snapshot. Resolves once that has been asked.
   */
  async restart(): Promise<void> {
    // Read before anything changes: after a crash this is the run that was training.
    const interrupted = !this.child && this.tracked.liveRun?.state === 'running' ? this.tracked.liveRun.id : null;
    await this.stop({ snapshotFirst: false });
    this.start();
    const reopen = reopenCommand(this.tracked, this.requestId('reopen'));
    if (!reopen) return;
    const opened = await this.request(reopen, REOPEN_TIMEOUT_MS);
    if (opened?.type !== 'project/opened') return;
    const resume = resumeCommand(opened, interrupted, this.requestId('resume'));
    if (resume) this.send(resume);
  }

  /**
   * Ends the trainer: stops the live run (after a snapshot, if the person chose "snapshot on
   * exit") and asks the process to exit; whatever has not finished when the time is up is killed.
   */
  async stop({ snapshotFirst }: { snapshotFirst: boolean }): Promise<StopOutcome> {
    const child = this.child;
    if (!child) return 'not-running';
    this.stopping = true;
    const stopTimeout = this.options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    const deadline = Date.now() + stopTimeout;
    for (const command of stopCommands(this.tracked, snapshotFirst, (purpose) => this.requestId(purpose))) {
      const left = deadline - Date.now();
      if (left <= 0 || !this.child) break;
      const answer = await this.request(command as Command & { requestId: string }, left);
      if (answer === null) this.log(`[supervisor] no answer to '${command.type}' within ${stopTimeout} ms; ending the trainer anyway\n`);
    }
    if (this.child !== child) return 'exited';
    child.kill();
    const killTimeout = this.options.killTimeoutMs ?? DEFAULT_KILL_TIMEOUT_MS;
    const exitedInTime = await Promise.race([this.exited.then(() => true), delay(killTimeout).then(() => false)]);
    if (exitedInTime) return 'exited';
    this.log(`[supervisor] the trainer did not exit within ${killTimeout} ms; killing it\n`);
    if (child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // Already gone between the check and the kill.
      }
    }
    await this.exited;
    return 'killed';
  }

  private receive(event: TrainerEvent): void {
    if (HOST_EVENT_TYPES.includes(event.type)) this.tracked = trackHostEvent(this.tracked, event);
    const requestId = 'requestId' in event ? event.requestId : undefined;
    if (requestId !== undefined) this.waiting.get(requestId)?.(event);
    if (HOST_EVENT_TYPES.includes(event.type)) this.options.onHostEvent?.(event);
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    for (const settle of [...this.waiting.values()]) settle(null);
    if (this.stopping) return;
    this.options.onCrash?.({
      type: 'trainer/exited',
      code,
      signal: null,
      message: `The trainer process stopped unexpectedly (exit code ${code}).${this.tracked.liveRun ? ' The run was interrupted; its snapshots are safe on disk.' : ''}`,
    });
  }

  private requestId(purpose: string): string {
    return `shell-${purpose}-${++this.nextRequest}`;
  }

  private log(text: string): void {
    (this.options.log ?? ((line: string) => process.stderr.write(line)))(text);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function prefixLines(prefix: string, chunk: Buffer): string {
  return chunk
    .toString('utf8')
    .split(/(?<=\n)/)
    .map((line) => prefix + line)
    .join('');
}
