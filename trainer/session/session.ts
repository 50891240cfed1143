/**
 * The trainer's front desk: takes validated commands from whichever transport the trainer is
 * behind, runs the project-level ones, hands the live ones to the training run between
 * steps, and answers with events. It never knows what carries the messages.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendChoice } from '../engine/backend.js';
import { defaultControls, mergeControls, validatePlan } from '../engine/controls.js';
import { planGrowth, runLayerGroups } from '../engine/growth.js';
import { readSessions, sessionBegan, sessionEnded } from '../project/training-sessions.js';
import { prepareDownload } from '../exports/download-file.js';
import { RunController } from '../engine/run-controller.js';
import { runTraining } from '../engine/training-loop.js';
import { defaultExportAudio } from '../exports/export-audio.js';
import { answering, PROTOCOL_VERSION, parseCommand, type Command, type CommandOf, type TrainerEvent } from '../protocol.js';
import { branchPage, forkedSnapshotIds } from '../project/branches.js';
import { historyFields } from '../project/history-cap.js';
import { ProjectStore, toSummary, type RunFile } from '../project/project-store.js';
import { datasetSummary, runDatasetProblem } from '../project/dataset-details.js';
import { RunRecords } from '../project/run-records.js';
import { changeSettings, type SettingsCommand } from '../project/run-settings.js';
import { readStartWeights, START_WEIGHTS_FILE, takeStartWeights } from '../project/start-weights.js';
import { readSnapshot } from '../snapshots/read-snapshot.js';
import { listSnapshots, snapshotsDirOf } from '../snapshots/snapshot-folder.js';
import { findRecipe, recipeCatalog, resolvePreset, showcaseRecipe } from '../recipes/registry.js';
import type { Transport } from '../transport/transport.js';
import { errorEvent, SessionError } from './session-errors.js';
import { DEMO_DATASET, DEMO_PROJECT_PATH, DEMO_RUN, writeDemoProjectData } from './demo-project.js';
import { importDatasetInto } from './dataset-commands.js';
import { RunHousekeeping } from './run-housekeeping.js';
import { SnapshotCommands } from './snapshot-commands.js';
import { PreviewCommands } from '../previews/preview-commands.js';
import { PathConfinement } from '../paths/path-confinement.js';
import { ProjectAccess } from './project-access.js';

export interface SessionOptions {
  /** Where relative project paths are resolved: the user's Stagecraft folder. */
  dataRoot: string;
  trainerVersion: string;
  /** The confinement rule with the folders the person granted; default: the data folder and the open project only. */
  confinement?: PathConfinement;
  /** Who this trainer is, for the sentence another trainer gets when it finds a project open here. */
  shell?: string;
}


export class Session {
  private project: ProjectStore | null = null;
  /** Backend and best likeness per run of the open project, added to every run summary sent. */
  private records: RunRecords | null = null;
  private backend: BackendChoice | null = null;
  private training: { controller: RunController; done: Promise<void> } | null = null;
  /**
   * Commands run one at a time, in arrival order; training itself runs beside this queue.
   * The queue opens once a backend is chosen, so no command ever sees a half-started trainer.
   */
  private queue: Promise<void>;
  private openQueue!: () => void;
  /** Every path a command names is confined here; the open project is held with its lock. */
  private readonly access: ProjectAccess;

  constructor(
    private readonly transport: Transport,
    private readonly options: SessionOptions,
  ) {
    this.access = new ProjectAccess(options.confinement ?? new PathConfinement(options.dataRoot), options.shell ?? 'a Stagecraft trainer');
    this.queue = new Promise((resolve) => (this.openQueue = resolve));
    transport.onMessage((raw) => {
      const parsed = parseCommand(raw);
      if (!parsed.ok) return this.emit(parsed.error);
      this.queue = this.queue.then(() => this.handle(parsed.command));
    });
  }

  readonly emit = (event: TrainerEvent): void => this.transport.send(this.records ? this.records.observe(event, this.backend?.backend ?? null) : event);

  announce(backend: BackendChoice): void {
    this.backend = backend;
    this.emit({ type: 'hello', protocolVersion: PROTOCOL_VERSION, trainerVersion: this.options.trainerVersion, pid: process.pid, recipes: recipeCatalog() });
    this.emit({ type: 'backend/selected', ...backend });
    this.openQueue();
  }

  /**
   * Opens the demo project under the data root, creating it with the demo speaker on first
   * start, so `npm start` lands on something that trains.
   */
  openOrCreateDemo(): void {
    this.queue = this.queue.then(() => this.handle({ type: 'project/open-demo' }));
  }

  /** The demo project, and in it the showcase run (audio-to-motion, tiny, default plan) when it has no run yet. */
  private openDemo(command: CommandOf<'project/open-demo'>): void {
    const path = this.resolvePath(DEMO_PROJECT_PATH);
    if (existsSync(join(path, 'project.json'))) this.openProject({ type: 'project/open', path, ...answering(command.requestId) });
    else this.createProject({ type: 'project/create', path, name: 'Demo speaker', withDemo: true, ...answering(command.requestId) });
    if (this.requireProject().runs().length === 0) this.createRun({ type: 'run/create', ...DEMO_RUN, ...answering(command.requestId) });
  }

  private openProject(command: CommandOf<'project/open'>): void {
    this.assertNotTraining('open another project');
    const project = ProjectStore.read(this.resolvePath(command.path));
    // Held before it is checked or written: a second trainer must not settle another's live run as interrupted.
    this.access.hold(project, () => project.assertUndamaged());
    project.settleInterruptedRuns();
    this.project = project;
    this.records = new RunRecords((id) => this.requireProject().runPath(id));
    this.emit({ type: 'project/opened', ...answering(command.requestId), project: this.project.info() });
  }

  /** Resolves when the current training run (if any) has left its loop. */
  async idle(): Promise<void> {
    await this.queue;
    await this.training?.done;
  }

  private async handle(command: Command): Promise<void> {
    try {
      await this.dispatch(command);
    } catch (error) {
      this.emit(errorEvent(error, command));
    }
  }

  private async dispatch(command: Command): Promise<void> {
    const rid = answering(command.requestId);
    switch (command.type) {
      case 'hello':
        if (command.protocolVersion !== PROTOCOL_VERSION) {
          throw new SessionError('protocol-version', `This trainer speaks protocol ${PROTOCOL_VERSION}, the ${command.client} speaks ${command.protocolVersion}; update the older one.`);
        }
        this.emit({ type: 'hello', ...rid, protocolVersion: PROTOCOL_VERSION, trainerVersion: this.options.trainerVersion, pid: process.pid, recipes: recipeCatalog() });
        if (this.backend) this.emit({ type: 'backend/selected', ...this.backend });
        return;
      case 'state/get':
        return this.emit({ type: 'session/state', ...rid, ...this.snapshotOfState() });
      case 'project/create':
        return this.createProject(command);
      case 'project/open':
        return this.openProject(command);
      case 'project/open-demo':
        return this.openDemo(command);
      case 'dataset/import': {
        const project = this.requireProject();
        const report = await importDatasetInto(project, this.resolvePath(command.path), command.name);
        return this.emit({ type: 'dataset/imported', ...rid, report, project: project.info() });
      }
      case 'run/list':
        return this.emit({ type: 'run/list', ...rid, runs: this.requireProject().info().runs });
      case 'download/prepare': {
        const project = this.requireProject();
        const run = project.run(command.runId);
        if (!run) throw new SessionError('no-run', `Project '${project.name}' has no run '${command.runId}'.`);
        // A live run's record is its controller's: its branches are the ones it trains with now.
        const current = this.isLive(run.id) ? this.liveController(run.id).run : run;
        const prepared = prepareDownload(project.runPath(run.id), current, command.file);
        return this.emit({ type: 'download/ready', ...rid, runId: run.id, ...prepared });
      }
      case 'run/sessions':
        // A stopped run's loop writes its session's end as it finishes (bounded): the list waits for it.
        if (!this.isLive(command.runId)) await this.previousRunEnded();
        return this.emit({ type: 'run/sessions', ...rid, runId: command.runId, sessions: readSessions(this.requireRunDir(command.runId)) });
      case 'run/create':
        return this.createRun(command);
      case 'run/start':
        return this.startRun(command);
      case 'run/pause':
      case 'run/resume':
      case 'run/stop':
      case 'controls/set':
      case 'snapshot/take':
      case 'layers/reinit':
      case 'plan/set':
      case 'stage/next':
      case 'stage/keep':
        return this.liveController(command.runId).enqueue(command);
      case 'run/continue':
        return this.continueRun(command);
      case 'run/autopilot':
      case 'guard/set':
      case 'snapshot/policy':
        // A live run's record belongs to its controller (it persists every change); otherwise run.json is changed here.
        return this.isLive(command.runId) ? this.liveController(command.runId).enqueue(command) : this.updateStoppedRun(command);
      case 'run/rename':
      case 'run/delete':
      case 'run/export-tensorboard': {
        this.assertNotLive(command.runId, command.type === 'run/rename' ? 'rename' : command.type === 'run/delete' ? 'delete' : 'export');
        // A stopped run's loop still saves run.json and writes into its folder as it finishes (bounded).
        await this.previousRunEnded();
        const housekeeping = new RunHousekeeping(this.requireProject(), this.emit);
        if (command.type === 'run/rename') housekeeping.rename(command);
        else if (command.type === 'run/export-tensorboard') return housekeeping.exportTensorBoard(command);
        else housekeeping.delete(command);
        // The finished loop's copy of the run is now out of date (or gone): a resync must not bring it back.
        if (this.training?.controller.run.id === command.runId) this.training = null;
        return;
      }
      case 'motion/export': {
        // A recording the person names is confined (relative to the open project); none: one from the run's own dataset.
        const audioPath = command.audioPath === undefined ? this.exportAudio(command.runId) : this.access.resolve(command.audioPath, this.requireProject().path);
        const resolved = { ...command, audioPath };
        // A stopped run still has its snapshots: their motion needs no training run.
        return this.isLive(command.runId) || !resolved.snapshotId ? this.liveController(command.runId).enqueue(resolved) : this.snapshotCommands().exportMotion(resolved, resolved.snapshotId);
      }
      case 'snapshot/restore':
        return this.isLive(command.runId) ? this.liveController(command.runId).enqueue(command) : this.resumeRun(command);
      case 'snapshot/list':
        return this.snapshotCommands().list(command);
      case 'snapshot/verify':
        return this.snapshotCommands().verify(command);
      case 'snapshot/delete':
        return this.snapshotCommands().delete(command);
      case 'snapshot/compare':
        return this.snapshotCommands().compare(command);
      case 'metrics/get':
        return this.snapshotCommands().history(command);
      case 'preview/request':
        // Between the live run's steps; a run that is not training previews from a snapshot here.
        return this.isLive(command.runId) ? this.liveController(command.runId).enqueue(command) : new PreviewCommands(this.requireProject(), this.emit).request(command);
      case 'preview/history':
        return new PreviewCommands(this.requireProject(), this.emit).history(command);
      case 'preview/get':
        return new PreviewCommands(this.requireProject(), this.emit).get(command);
      case 'preview/interval':
        // The live run holds its interval (RunPreviews); a run that is not training has it only on disk.
        return this.isLive(command.runId) ? this.liveController(command.runId).enqueue(command) : new PreviewCommands(this.requireProject(), this.emit).interval(command);
      default:
        // Every command type must be handled above: this line stops compiling if one is not.
        return assertNever(command);
    }
  }

  private createProject(command: CommandOf<'project/create'>): void {
    this.assertNotTraining('create another project');
    const path = this.resolvePath(command.path);
    const project = ProjectStore.create(path, command.name);
    this.access.hold(project);
    if (command.withDemo) writeDemoProjectData(project);
    this.project = project;
    this.records = new RunRecords((id) => project.runPath(id));
    this.emit({ type: 'project/opened', ...answering(command.requestId), project: project.info() });
  }

  private createRun(command: CommandOf<'run/create'>): void {
    const project = this.requireProject();
    const recipe = command.recipe === undefined ? showcaseRecipe() : findRecipe(command.recipe);
    const preset = command.preset ?? recipe.defaultPreset;
    const config = resolvePreset(recipe, preset) as { learningRate: number; batchSize: number };
    const datasets = project.datasets();
    const dataset = command.dataset ?? (datasets.includes(DEMO_DATASET) ? DEMO_DATASET : datasets[0]);
    if (!dataset || !datasets.includes(dataset)) {
      throw new SessionError('dataset', `Project '${project.name}' has no dataset${command.dataset ? ` '${command.dataset}'` : ''}; import one first.`);
    }
    // The sentence the New run form shows for this dataset, so the form and the trainer never disagree.
    const datasetDir = project.datasetPath(dataset);
    const needs = { recipeTitle: `${recipe.id} (${preset})`, dataKind: recipe.dataKind, minClipFrames: recipe.minClipFrames(config) };
    const problem = runDatasetProblem(datasetDir, datasetSummary(datasetDir, dataset), needs);
    if (problem) throw new SessionError('dataset', problem);
    const plan = command.plan ?? recipe.defaultPlan;
    const growth = planGrowth(plan, recipe);
    const layerGroups = runLayerGroups(recipe.layerGroups, growth?.levels);
    const controls = mergeControls(defaultControls(layerGroups, config, growth?.start), command.controls ?? {}, growth?.levels);
    validatePlan(controls, plan, recipe, growth?.levels);
    const start = command.from ? takeStartWeights(project, recipe, preset, dataset, command.from) : null;
    const run = project.createRun(
      {
        ...(command.name ? { name: command.name } : {}),
        recipe: recipe.id,
        preset,
        dataset,
        seed: command.seed ?? Math.floor(Math.random() * 2 ** 31),
        controls,
        layerGroups,
        ...(growth ? { growthLevels: growth.levels } : {}),
        plan,
        autopilot: command.autopilot ?? false,
        ...(start ? { startedFrom: start.startedFrom, startWeightsSha256: start.sha256 } : {}),
      },
      start ? { step: start.step, files: new Map([[START_WEIGHTS_FILE, start.file]]) } : {},
    );
    this.emit({ type: 'run/created', ...answering(command.requestId), run: toSummary(run) });
  }

  private async startRun(command: CommandOf<'run/start'>): Promise<void> {
    await this.previousRunEnded();
    const project = this.requireProject();
    const run = project.run(command.runId);
    if (!run) throw new SessionError('no-run', `Project '${project.name}' has no run '${command.runId}'.`);
    this.assertNotTraining(`start '${run.name}'`);
    if (run.state !== 'idle') throw new SessionError('invalid-state', `Run '${run.name}' is ${run.state}; only a new run can start. Restore one of its snapshots to train it on, or create a new run.`);
    // Checked here, so a run whose start weights are gone stays idle instead of failing.
    if (run.startedFrom) readStartWeights(project.runPath(run.id), run);
    const controller = this.controllerFor(project, run);
    controller.setState('running', 'started by user', command.requestId);
    this.train(project, controller, command);
  }

  /**
   * Trains a stopped run on from one of its snapshots (by default the newest that verifies):
   * how a run a crash interrupted is resumed. The snapshot is verified before anything changes.
   */
  private async resumeRun(command: CommandOf<'snapshot/restore'>): Promise<void> {
    await this.previousRunEnded();
    const project = this.requireProject();
    const run = project.run(command.runId);
    if (!run) throw new SessionError('no-run', `Project '${project.name}' has no run '${command.runId}'.`);
    this.assertNotTraining(`resume '${run.name}'`);
    if (run.state === 'idle') throw new SessionError('invalid-state', `Run '${run.name}' has not trained yet; start it instead.`);
    const snapshotsDir = snapshotsDirOf(project.runPath(run.id));
    const snapshotId = command.snapshotId ?? run.interrupted?.lastGoodSnapshot ?? listSnapshots(snapshotsDir).at(-1)?.id;
    if (!snapshotId) throw new SessionError('invalid-state', `Run '${run.name}' has no snapshot to resume from.`);
    if (!existsSync(join(snapshotsDir, snapshotId))) throw new SessionError('no-run', `Run '${run.name}' has no snapshot ${snapshotId}.`);
    try {
      readSnapshot(join(snapshotsDir, snapshotId));
    } catch (error) {
      throw new SessionError('io', (error as Error).message);
    }
    const controller = this.controllerFor(project, run);
    controller.setState('running', `resumed from snapshot ${snapshotId}`);
    this.train(project, controller, command, { snapshotId, mode: command.mode, ...answering(command.requestId) });
  }

  /**
   * Continue after Stop: trains on from the snapshot Stop took at the step the run stopped at,
   * on the same branch, so nothing is lost and no branch is made.
   */
  private async continueRun(command: CommandOf<'run/continue'>): Promise<void> {
    await this.previousRunEnded();
    const project = this.requireProject();
    const run = this.runOf(command.runId);
    this.assertNotTraining(`continue '${run.name}'`);
    if (run.state === 'idle') throw new SessionError('invalid-state', `Run '${run.name}' has not trained yet; start it instead.`);
    if (run.state !== 'stopped') throw new SessionError('invalid-state', `Run '${run.name}' is ${run.state}; only a stopped run continues.`);
    const branch = run.branch;
    const snapshotsDir = snapshotsDirOf(project.runPath(run.id));
    const stop = listSnapshots(snapshotsDir).filter((s) => s.branch === branch && s.step === run.step).at(-1);
    if (!stop) {
      throw new SessionError('invalid-state', `Run '${run.name}' has no snapshot at step ${run.step.toLocaleString('en')}, where it stopped, so it cannot continue from there; restore one of its snapshots to train on from it.`);
    }
    try {
      readSnapshot(join(snapshotsDir, stop.id));
    } catch (error) {
      throw new SessionError('io', `Run '${run.name}' cannot continue: ${(error as Error).message} Restore an earlier snapshot instead.`);
    }
    const controller = this.controllerFor(project, run);
    controller.setState('running', `continued at step ${run.step.toLocaleString('en')}`, command.requestId);
    this.train(project, controller, command, { snapshotId: stop.id, mode: 'continue' });
  }

  /** Settings of a run that is not training: run.json changes here. */
  private async updateStoppedRun(command: SettingsCommand): Promise<void> {
    // A stopped run's loop may still save run.json as it finishes: change it after that.
    await this.previousRunEnded();
    const { run, answer } = changeSettings(this.runOf(command.runId), command);
    this.requireProject().saveRun(run);
    this.emit(answer);
  }

  private runOf(runId: string): RunFile {
    const project = this.requireProject();
    const run = project.run(runId);
    if (!run) throw new SessionError('no-run', `Project '${project.name}' has no run '${runId}'.`);
    return run;
  }

  private assertNotLive(runId: string, action: string): void {
    if (this.isLive(runId)) throw new SessionError('busy', `Run '${this.training?.controller.run.name}' is training; stop it before you ${action} it.`);
  }

  private controllerFor(project: ProjectStore, run: RunFile): RunController {
    return new RunController(run, this.emit, (r) => project.saveRun(r), {
      runDir: project.runPath(run.id),
      snapshotsDir: snapshotsDirOf(project.runPath(run.id)),
      forked: () => forkedSnapshotIds(project.runs().map((r) => (r.id === run.id ? this.training?.controller.run ?? r : r))),
    });
  }

  private train(project: ProjectStore, controller: RunController, command: Command, resumeFrom?: Parameters<typeof runTraining>[0]['resumeFrom']): void {
    const run = controller.run;
    // A session is recorded from its start, so one a crash cuts short still shows (project/training-sessions.ts).
    const runDir = project.runPath(run.id);
    const session = sessionBegan(runDir, { branch: run.branch, fromStep: run.step });
    const trained = { steps: 0 };
    const done = runTraining({ controller, project, emit: this.emit, trained, ...(resumeFrom ? { resumeFrom } : {}) })
      .catch((error: unknown) => {
        this.emit(errorEvent(error, command));
        controller.rejectPending(`Run '${run.name}' stopped with an error before this command was applied.`);
        try {
          controller.setState('failed', `failed: ${(error as Error).message}`);
        } catch (saveError) {
          // The run folder itself is gone or full: say so, and keep the trainer alive.
          this.emit(errorEvent(saveError, command));
        }
      })
      .finally(() => sessionEnded(runDir, session, { toStep: controller.run.step, steps: trained.steps }));
    this.training = { controller, done };
  }

  private isLive(runId: string): boolean {
    const controller = this.training?.controller;
    return !!controller && controller.run.id === runId && (controller.state === 'running' || controller.state === 'paused');
  }

  private snapshotCommands(): SnapshotCommands {
    return new SnapshotCommands(this.requireProject(), this.training?.controller ?? null, this.emit);
  }

  private liveController(runId: string): RunController {
    const controller = this.training?.controller;
    if (!controller || controller.run.id !== runId || controller.state === 'stopped' || controller.state === 'failed') {
      throw new SessionError('invalid-state', `Run '${runId}' is not training; start it first.`);
    }
    return controller;
  }

  private snapshotOfState(): Omit<Extract<TrainerEvent, { type: 'session/state' }>, 'type' | 'requestId'> {
    const t = this.training;
    return {
      backend: this.backend?.backend ?? null,
      project: this.project?.info() ?? null,
      active: t
        ? {
            run: toSummary(t.controller.run),
            controls: t.controller.controls,
            ...historyFields(branchPage(this.requireProject().runPath(t.controller.run.id), t.controller.run, t.controller.run.branch)),
            snapshots: t.controller.snapshots,
            timeline: t.controller.timeline,
          }
        : null,
    };
  }

  /** The recording an export without one generates for: the run's dataset's first validation clip with audio. */
  private exportAudio(runId: string): string {
    const project = this.requireProject();
    const run = this.isLive(runId) ? this.training!.controller.run : project.run(runId);
    if (!run) throw new SessionError('no-run', `Project '${project.name}' has no run '${runId}'.`);
    try {
      return defaultExportAudio(project.datasetPath(run.dataset));
    } catch (error) {
      throw new SessionError('dataset', `Run '${run.name}': ${(error as Error).message}`);
    }
  }

  private requireProject(): ProjectStore {
    if (!this.project) throw new SessionError('no-project', 'No project is open; create or open one first.');
    return this.project;
  }

  /** The folder of a run of the open project; an id it has no run by is refused by name. */
  private requireRunDir(runId: string): string {
    const project = this.requireProject();
    if (!project.run(runId)) throw new SessionError('no-run', `Project '${project.name}' has no run '${runId}'.`);
    return project.runPath(runId);
  }

  /**
   * A stopped run's loop may still be finishing (its last evaluation and snapshot previews,
   * bounded waits): the next run starts after it, so two never share the cores or a metrics log.
   */
  private async previousRunEnded(): Promise<void> {
    const state = this.training?.controller.state;
    if (state === 'stopped' || state === 'failed') await this.training?.done;
  }

  private assertNotTraining(action: string): void {
    const state = this.training?.controller.state;
    if (state === 'running' || state === 'paused') {
      throw new SessionError('busy', `Cannot ${action} while run '${this.training?.controller.run.name}' is ${state}; stop it first.`);
    }
  }

  /** A path a command names, confined to the data folder, the open project and the folders the person granted. */
  private resolvePath(path: string): string {
    return this.access.resolve(path);
  }
}

function assertNever(command: never): never {
  throw new Error(`Unhandled command ${JSON.stringify(command)}`);
}
