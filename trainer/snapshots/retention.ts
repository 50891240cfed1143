/**
 * Which snapshots to keep. Every manual snapshot is kept, and so is every snapshot a branch
 * forks from. Of the automatic ones, the newest `keepLast` are kept; older ones are thinned
 * to the newest per hour for `hourlyForHours`, then the newest per day for `dailyForDays`;
 * anything older goes.
 */
import type { SnapshotInfo, SnapshotPolicy } from '../protocol.js';

export const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = {
  // DeepFaceLab autosaves every 25 minutes; half an hour is the same habit.
  interval: { every: 30, unit: 'minutes' },
  keepLast: 5,
  hourlyForHours: 24,
  dailyForDays: 30,
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function isManual(snapshot: SnapshotInfo): boolean {
  return snapshot.reason === 'manual';
}

/** The snapshots the policy lets go, oldest first. `now` is ms since the epoch. */
export function snapshotsToDelete(snapshots: readonly SnapshotInfo[], policy: SnapshotPolicy, forked: ReadonlySet<string>, now: number): SnapshotInfo[] {
  const automatic = snapshots.filter((s) => !isManual(s)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const doomed: SnapshotInfo[] = [];
  const hoursSeen = new Set<number>();
  const daysSeen = new Set<number>();
  automatic.forEach((snapshot, newestFirst) => {
    const time = Date.parse(snapshot.createdAt);
    const age = now - time;
    let keep = newestFirst < policy.keepLast || forked.has(snapshot.id);
    if (!keep && age <= policy.hourlyForHours * HOUR) keep = claim(hoursSeen, Math.floor(time / HOUR));
    else if (!keep && age <= policy.dailyForDays * DAY) keep = claim(daysSeen, Math.floor(time / DAY));
    if (!keep) doomed.push(snapshot);
  });
  return doomed.reverse();
}

/** True the first time a bucket is seen: the newest snapshot in each hour or day is the one kept. */
function claim(seen: Set<number>, bucket: number): boolean {
  if (seen.has(bucket)) return false;
  seen.add(bucket);
  return true;
}
