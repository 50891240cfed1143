/** One benchmark's figures, printed as a table and kept as JSON under bench-output/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchRow {
  metric: string;
  /** The measured median (or the single figure, where the benchmark is one long run). */
  value: number;
  target?: string;
  met?: boolean;
}

export interface BenchResult {
  name: string;
  backend: string;
  rows: BenchRow[];
}

export function printResult(result: BenchResult): void {
  console.log(`\n${result.name} — backend ${result.backend}`);
  const width = Math.max(...result.rows.map((r) => r.metric.length));
  for (const row of result.rows) {
    const verdict = row.met === undefined ? '' : row.met ? '  met' : '  NOT MET';
    console.log(`  ${row.metric.padEnd(width)}  ${formatValue(row.value).padStart(12)}${row.target ? `  target ${row.target}` : ''}${verdict}`);
  }
}

export function saveResults(results: BenchResult[], dir = 'bench-output'): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), results }, null, 2));
  return file;
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1000 || Number.isInteger(v) ? v.toLocaleString('en', { maximumFractionDigits: 1 }) : v.toPrecision(4);
}
