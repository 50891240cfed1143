/**
 * The sample history stays bounded on a long run: every preview is kept until there are
 * `max`; then every second one of the older previews goes, so the history keeps covering the
 * whole run at a coarser spacing the further back it looks. The first preview (the untrained
 * model) and the newest `keepNewest` are never thinned.
 */

export const MAX_PREVIEWS = 200;
export const KEEP_NEWEST = 20;

/** Ids to delete from `ids` (oldest first) so that at most `max` remain. */
export function previewsToThin(ids: readonly string[], max = MAX_PREVIEWS, keepNewest = KEEP_NEWEST): string[] {
  if (max < keepNewest + 2) throw new RangeError(`previewsToThin: max (${max}) must leave room for the first and the ${keepNewest} newest`);
  let kept = [...ids];
  const dropped: string[] = [];
  while (kept.length > max) {
    const older = kept.length - keepNewest;
    // Odd positions among the older ones; position 0, the first preview, always stays.
    const next = kept.filter((id, i) => {
      const drop = i < older && i % 2 === 1;
      if (drop) dropped.push(id);
      return !drop;
    });
    kept = next;
  }
  return dropped;
}
