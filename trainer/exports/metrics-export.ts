/**
 * A branch's metrics as a file to take home: every point the branch shows (its ancestors' up to
 * its fork, then its own), every column any point logged, with step and wall time. CSV has one
 * row per point, a column per metric (empty where a point did not log it, `NaN` where it logged
 * a non-finite value); JSON is the points as the trainer logged them.
 */
import { join } from 'node:path';
import type { MetricPoint } from '../protocol.js';
import { branchSeries } from '../project/branches.js';
import type { RunFile } from '../project/project-store.js';
import { writeFileAtomic } from '../storage/atomic-write.js';

export function metricsCsv(points: readonly MetricPoint[]): string {
  const columns = [...new Set(points.flatMap((p) => Object.keys(p.values)))].sort();
  const cell = (value: number | null | undefined) => (value === undefined ? '' : value === null ? 'NaN' : String(value));
  const header = ['step', 'time', ...columns.map(csvField)].join(',');
  const rows = points.map((p) => [p.step, new Date(p.time).toISOString(), ...columns.map((c) => cell(p.values[c]))].join(','));
  return `${[header, ...rows].join('\n')}\n`;
}

/** Quotes a field that holds a comma, a quote or a line break (RFC 4180). */
function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the branch's metrics into the run's exports/ folder; returns the file's path and name. */
export function writeMetricsExport(runDir: string, run: RunFile, branch: string, format: 'csv' | 'json'): { path: string; name: string } {
  const points = branchSeries(runDir, run, branch);
  const name = `${safeName(run.name)}-${branch}-metrics.${format}`;
  const path = join(runDir, 'exports', name);
  writeFileAtomic(path, format === 'csv' ? metricsCsv(points) : `${JSON.stringify(points, null, 1)}\n`);
  return { path, name };
}

/** A run's name as part of a file name every OS accepts. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'run';
}
