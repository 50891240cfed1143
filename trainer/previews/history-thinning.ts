/**
 * The sample history stays bounded on a long run: every preview is kept until there are
 * `max`; then, one at a time, the older preview whose neighbours stand closest together goes,
 * so the kept ones spread evenly over the whole run instead of crowding its end. The first
 * preview (the untrained model) and the newest `keepNewest` are never thinned.
 *
 * Each branch of a run is thinned on its own: a branch restored from step 6,000 of a main
 * branch at step 15,000 has previews older than main's newest, and thinning them against
 * main's would drop them as soon as they are written.
 */

export const MAX_PREVIEWS = 200;
export const KEEP_NEWEST = 20;

/** Ids to delete from `entries` (oldest step first) so that at most `max` remain. */
export function previewsToThin(entries: readonly { id: string; step: number }[], max = MAX_PREVIEWS, keepNewest = KEEP_NEWEST): string[] {
  if (max < keepNewest + 2) throw new RangeError(`previewsToThin: max (${max}) must leave room for the first and the ${keepNewest} newest`);
  const kept = [...entries];
  const dropped: string[] = [];
  while (kept.length > max) {
    // Candidates: neither the first nor one of the newest. Removing i leaves the gap step[i+1] - step[i-1].
    let best = 1;
    for (let i = 2; i < kept.length - keepNewest; i++) {
      if (gapWithout(kept, i) < gapWithout(kept, best)) best = i;
    }
    dropped.push((kept[best] as { id: string }).id);
    kept.splice(best, 1);
  }
  return dropped;
}

/** previewsToThin for each branch's own previews: at most `max` per branch, each branch's first and newest kept. */
export function previewsToThinPerBranch(entries: readonly { id: string; step: number; branch: string }[], max = MAX_PREVIEWS, keepNewest = KEEP_NEWEST): string[] {
  const byBranch = new Map<string, { id: string; step: number }[]>();
  for (const entry of entries) {
    const own = byBranch.get(entry.branch);
    if (own) own.push(entry);
    else byBranch.set(entry.branch, [entry]);
  }
  return [...byBranch.values()].flatMap((own) => previewsToThin(own, max, keepNewest));
}

function gapWithout(entries: readonly { step: number }[], i: number): number {
  return (entries[i + 1] as { step: number }).step - (entries[i - 1] as { step: number }).step;
}
