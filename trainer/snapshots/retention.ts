/**
 * Which snapshots to keep. Kept always: every manual snapshot (and every one a plan's rule
 * took), every snapshot a branch forks
 * from, every stage boundary's, the first before each kind of risky change in a stage, the
 * newest best-likeness snapshot of each phase and the newest stop snapshot (what Continue
 * resumes), each per branch. The rest (interval, collapse guard, repeated risky changes, older
 * bests and stops) is thinned: the newest `keepLast` are kept; older ones to the newest per
 * hour for `hourlyForHours`, then the newest per day for `dailyForDays`; anything older goes.
 */
import { snapshotKindOf, type SnapshotInfo, type SnapshotKind, type SnapshotPolicy } from '../protocol.js';

export const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = {
  // DeepFaceLab autosaves every 25 minutes; half an hour is the same habit.
  interval: { every: 30, unit: 'minutes' },
  keepLast: 5,
  hourlyForHours: 24,
  dailyForDays: 30,
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Snapshots retention never deletes, whatever their age. */
export function keptByPolicy(snapshots: readonly SnapshotInfo[]): Set<string> {
  const kept = new Set<string>();
  const newest = new Map<string, SnapshotInfo>();
  for (const s of snapshots) {
    const kind = snapshotKindOf(s);
    if (kind === 'manual' || kind === 'rule' || kind === 'stage' || (kind === 'risky' && s.firstInStage)) kept.add(s.id);
    if (kind !== 'best' && kind !== 'stop') continue;
    // One best per phase and one stop per branch: the newest stands for the ones before it.
    const key = `${kind}|${s.branch}|${s.phase ?? ''}`;
    const seen = newest.get(key);
    if (!seen || s.step > seen.step || (s.step === seen.step && s.createdAt > seen.createdAt)) newest.set(key, s);
  }
  for (const s of newest.values()) kept.add(s.id);
  return kept;
}

/** The snapshots the policy lets go, oldest first. `now` is ms since the epoch. */
export function snapshotsToDelete(snapshots: readonly SnapshotInfo[], policy: SnapshotPolicy, forked: ReadonlySet<string>, now: number): SnapshotInfo[] {
  const kept = keptByPolicy(snapshots);
  const automatic = snapshots.filter((s) => !kept.has(s.id)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
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

const THINNED_WORDS: Record<SnapshotKind, string> = {
  interval: 'interval',
  guard: 'collapse-guard',
  risky: 'repeated auto-before',
  best: 'older best-likeness',
  stop: 'older stop',
  manual: 'manual',
  stage: 'stage',
  rule: 'rule',
};

/** "3 interval snapshots and 1 older best-likeness snapshot thinned by the snapshot policy". */
export function thinnedSentence(deleted: readonly SnapshotInfo[]): string {
  const counts = new Map<SnapshotKind, number>();
  for (const s of deleted) counts.set(snapshotKindOf(s), (counts.get(snapshotKindOf(s)) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => `${n} ${THINNED_WORDS[kind]} snapshot${n === 1 ? '' : 's'}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'no snapshots');
  return `${list} thinned by the snapshot policy`;
}

/** True the first time a bucket is seen: the newest snapshot in each hour or day is the one kept. */
function claim(seen: Set<number>, bucket: number): boolean {
  if (seen.has(bucket)) return false;
  seen.add(bucket);
  return true;
}
