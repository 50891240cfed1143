/**
 * Test helper: another process's resident memory, read the way `top` does (/proc on Linux,
 * `ps` elsewhere), and a sampler that keeps the peak while a test pushes on that process.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Resident set size of `pid` in bytes. */
export function residentBytes(pid: number): number {
  if (process.platform === 'linux') {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (!match) throw new Error(`no VmRSS for process ${pid}`);
    return Number(match[1]) * 1024;
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
}

export interface PeakSampler {
  /** The highest resident size seen so far (bytes). */
  peak(): number;
  stop(): number;
}

/** Samples `pid` every `everyMs` until stopped; stop() returns the peak. */
export function samplePeak(pid: number, everyMs = 25): PeakSampler {
  let peak = residentBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, residentBytes(pid));
    } catch {
      // The process is gone: the peak so far stands, and the test will say why it ended.
    }
  }, everyMs);
  return {
    peak: () => peak,
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
