/** How a snapshot reads in the list: size, time of day, what took it. */
import type { SnapshotInfo } from '../../../trainer/protocol';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "manual", "auto before GAN on", with the person's label after a colon. */
export function describeSnapshot(snapshot: SnapshotInfo): string {
  return snapshot.label ? `${snapshot.reason}: ${snapshot.label}` : snapshot.reason;
}
