/**
 * A project on disk:
 *   <project>/project.json              name and format version
 *   <project>/datasets/<name>/          datasets (the demo is written here)
 *   <project>/runs/<id>/run.json        one run: recipe, preset, dataset, seed, controls, state
 *   <project>/runs/<id>/metrics.jsonl   append-only metric log of the main branch, one point per line
 *   <project>/runs/<id>/metrics.<branch>.jsonl   the same for each other branch (see branches.ts)
 *   <project>/runs/<id>/metrics[.<branch>].jsonl.index   where each line ends, its step and keep tier: a cache (metrics-file-index.ts)
 *   <project>/runs/<id>/snapshots/      snapshots (see snapshots/)
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FileRefusedError, readRegularFile } from '../paths/regular-file.js';
import { MAIN_BRANCH, RunSummary, type MetricPoint, type ProjectInfo } from '../protocol.js';
import { verifySnapshot } from '../snapshots/read-snapshot.js';
import { listSnapshots, removeUnfinishedSnapshots, snapshotsDirOf } from '../snapshots/snapshot-folder.js';
import { writeFileAtomic } from '../storage/atomic-write.js';
import { metricsFileOf } from './branches.js';
import { datasetSummary } from './dataset-details.js';
import { removeRunFolder, removeUnfinishedDeletes, runFolder } from './run-folders.js';
import { MetricsLog, readMetricsLog } from './metrics-log.js';
import { runIdProblem } from './disk-ids.js';
import { projectDamage } from './project-check.js';

const PROJECT_FORMAT = 1;

const ProjectFile = z.object({ format: z.literal(PROJECT_FORMAT), name: z.string(), createdAt: z.string() });

/** Everything a run needs to be rebuilt: what run/list shows, plus the seed. */
export const RunFile = RunSummary.extend({
  /** Seeds weights, batches, warps and LRD masks: the run is reproducible from it. */
  seed: z.number().int(),
  /** Control paths the person changed by hand in the current stage: the hand-off says where the next stage undoes them. */
  manualChanges: z.array(z.string()).optional(),
  /** sha256 of the weights it started from (start-weights.ts), checked before they are used. */
  startWeightsSha256: z.string().optional(),
});
export type RunFile = z.infer<typeof RunFile>;

export class ProjectError extends Error {}

export class ProjectStore {
  private constructor(
    readonly path: string,
    readonly name: string,
  ) {}

  static create(path: string, name: string): ProjectStore {
    if (existsSync(join(path, 'project.json'))) throw new ProjectError(`A project already exists at '${path}'.`);
    mkdirSync(join(path, 'runs'), { recursive: true });
    mkdirSync(join(path, 'datasets'), { recursive: true });
    const file: z.infer<typeof ProjectFile> = { format: PROJECT_FORMAT, name, createdAt: new Date().toISOString() };
    writeFileAtomic(join(path, 'project.json'), JSON.stringify(file, null, 2));
    return new ProjectStore(path, name);
  }

  /**
   * Opens a project after checking it (project-check.ts): a folder with links, pipes or ids that
   * lead outside it is reported as damaged, naming the file, and nothing in it is touched.
   */
  static open(path: string): ProjectStore {
    const project = ProjectStore.read(path);
    project.assertUndamaged();
    return project;
  }

  /** The project's name from its project.json, nothing else read yet (the session takes the lock before checking the rest). */
  static read(path: string): ProjectStore {
    const file = join(path, 'project.json');
    if (!existsSync(file)) throw new ProjectError(`'${path}' is not a Stagecraft project (it has no project.json).`);
    const parsed = ProjectFile.safeParse(readJson(file));
    if (!parsed.success) throw new ProjectError(`'${file}' is not a valid project file: ${parsed.error.issues[0]?.message}.`);
    return new ProjectStore(path, parsed.data.name);
  }

  /** Throws a ProjectError naming the file when the folder is damaged (project-check.ts); reads only, changes nothing. */
  assertUndamaged(): void {
    const damage = projectDamage(this.path);
    if (damage) throw new ProjectError(`Project '${this.name}' in '${this.path}' is damaged: ${damage}. It was not opened, and nothing in it or outside it was changed.`);
  }

  datasetPath(name: string): string {
    return join(this.path, 'datasets', name);
  }

  datasets(): string[] {
    return listDirs(join(this.path, 'datasets'));
  }

  runPath(id: string): string {
    return join(this.path, 'runs', id);
  }

  /**
   * Runs whose run.json cannot be read are left out rather than failing the whole list; so are
   * runs whose ids would lead outside the project (open refused those; this is in case one
   * changed on disk since).
   */
  runs(): RunFile[] {
    const out: RunFile[] = [];
    for (const folder of listDirs(join(this.path, 'runs'))) {
      try {
        const parsed = RunFile.safeParse(readJson(join(this.path, 'runs', folder, 'run.json')));
        if (parsed.success && runIdProblem(parsed.data, folder) === null) out.push(parsed.data);
      } catch {
        // A run folder without a readable run.json is not listed.
      }
    }
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  run(id: string): RunFile | undefined {
    return this.runs().find((r) => r.id === id);
  }

  /**
   * A new run, idle at the start of its plan's first stage (step 0, or `step`), on main. `files`
   * are written into its folder before its record, so a run is never listed without them (a
   * failed write leaves no folder behind).
   */
  createRun(fields: Omit<RunFile, 'id' | 'name' | 'state' | 'step' | 'stage' | 'createdAt' | 'branch'> & { name?: string }, { step = 0, files = new Map<string, Uint8Array>() } = {}): RunFile {
    const taken = new Set(listDirs(join(this.path, 'runs')));
    let n = taken.size + 1;
    while (taken.has(`run-${n}`)) n++;
    const id = `run-${n}`;
    const run: RunFile = {
      ...fields,
      id,
      name: fields.name ?? id,
      state: 'idle',
      step,
      stage: { index: 0, startedAt: step },
      branch: MAIN_BRANCH,
      createdAt: new Date().toISOString(),
    };
    const dir = this.runPath(id);
    mkdirSync(dir, { recursive: true });
    try {
      for (const [name, bytes] of files) writeFileAtomic(join(dir, name), bytes);
      this.saveRun(run);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return run;
  }

  /**
   * Gives a run a new name (its id and folder stay, so its snapshots, branches and metrics are
   * untouched). Undefined when there is no such run; throws RunFolderError for an id that is
   * not one, or a folder that is not the run's.
   */
  renameRun(id: string, name: string): RunFile | undefined {
    const run = runFolder(this.runsDir(), id) === null ? undefined : this.run(id);
    if (!run) return undefined;
    const renamed = { ...run, name };
    this.saveRun(renamed);
    return renamed;
  }

  /** Removes a run's folder with its snapshots, previews, metrics and exports; the run as it was, or undefined when there is none. */
  deleteRun(id: string): RunFile | undefined {
    const dir = runFolder(this.runsDir(), id);
    const run = dir === null ? undefined : this.run(id);
    if (!dir || !run) return undefined;
    removeRunFolder(this.runsDir(), dir, id);
    return run;
  }

  private runsDir(): string {
    return join(this.path, 'runs');
  }

  saveRun(run: RunFile): void {
    writeFileAtomic(join(this.runPath(run.id), 'run.json'), JSON.stringify(run, null, 2));
  }

  /** Opens the metrics log of one branch of a run for appending (see metrics-log.ts). */
  openMetricsLog(runId: string, branch = MAIN_BRANCH): MetricsLog {
    return MetricsLog.open(metricsFileOf(this.runPath(runId), branch));
  }

  /** Every logged point of the main branch; a torn last line (a crash mid-append) is ignored, not fatal. */
  readMetrics(runId: string, branch = MAIN_BRANCH): MetricPoint[] {
    return readMetricsLog(metricsFileOf(this.runPath(runId), branch));
  }

  /**
   * Crash recovery, on open. Half-written snapshots (`.tmp-*`) are removed. A run left
   * 'running' or 'paused' on disk belongs to a trainer that is gone (the app was quit or
   * killed mid-run): it is marked stopped, so the list tells the truth, and flagged as
   * interrupted with the newest snapshot that verifies, which it can resume from. A run
   * whose deletion a crash cut short (a hidden `.deleting-` folder) is removed for good.
   */
  settleInterruptedRuns(): void {
    removeUnfinishedDeletes(this.runsDir());
    for (const run of this.runs()) {
      const snapshotsDir = snapshotsDirOf(this.runPath(run.id));
      removeUnfinishedSnapshots(snapshotsDir);
      if (run.state !== 'running' && run.state !== 'paused') continue;
      const lastGood = [...listSnapshots(snapshotsDir)].reverse().find((s) => verifySnapshot(join(snapshotsDir, s.id)) === null);
      // run.json is saved on changes, not every step: the log says how far training got.
      // The last two points: a late evaluation point (at most one at a time) may follow newer steps.
      const step = Math.max(run.step, ...this.readMetrics(run.id, run.branch).slice(-2).map((p) => p.step));
      this.saveRun({ ...run, state: 'stopped', step, interrupted: { step, lastGoodSnapshot: lastGood?.id ?? null } });
    }
  }

  info(): ProjectInfo {
    const datasets = this.datasets();
    const datasetDetails = datasets.map((name) => datasetSummary(this.datasetPath(name), name));
    return { path: this.path, name: this.name, datasets, datasetDetails, runs: this.runs().map(toSummary) };
  }
}

export function toSummary(run: RunFile): RunSummary {
  const { seed: _seed, manualChanges: _manual, startWeightsSha256: _sha, ...summary } = run;
  return summary;
}

function listDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name);
}

/** project.json and run.json are a few KB; this leaves room for plans with many stages. */
const RECORD_MAX_BYTES = 16 * 2 ** 20;

/** A record's contents; the error says what is wrong without quoting the file, which may not be ours at all. */
function readJson(file: string): unknown {
  let text: string;
  try {
    text = readRegularFile(file, { maxBytes: RECORD_MAX_BYTES, label: file }).toString('utf8');
  } catch (error) {
    throw new ProjectError(error instanceof FileRefusedError ? `${error.message}.` : `Cannot read '${file}': ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProjectError(`'${file}' is not a Stagecraft project file: it is not JSON.`);
  }
}
