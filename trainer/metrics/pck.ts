/**
 * PCK (percentage of correct keypoints): the share of joint-frames whose generated position
 * is within `threshold` of the ground truth (Euclidean, inclusive). Positions are in body
 * heights, so the default 0.05 is "within 5% of body height".
 *
 * Positions are compared as given (world space, root included): for reconstruction and
 * teacher-forced evaluation the root track is part of what must be right. Callers who
 * only care about gesture can pass root-relative positions.
 */
export function pck(
  generated: Float32Array | readonly Float32Array[],
  truth: Float32Array | readonly Float32Array[],
  joints: number,
  threshold = 0.05,
): number {
  const gen = generated instanceof Float32Array ? [generated] : generated;
  const ref = truth instanceof Float32Array ? [truth] : truth;
  if (gen.length !== ref.length) throw new Error(`pck: ${gen.length} generated clips vs ${ref.length} truth clips`);
  const limit = threshold * threshold;
  let hits = 0;
  let total = 0;
  gen.forEach((g, c) => {
    const t = ref[c]!;
    if (g.length !== t.length || g.length % (joints * 3) !== 0) {
      throw new Error(`pck: clip ${c} has ${g.length} vs ${t.length} values (joints ${joints})`);
    }
    for (let k = 0; k < g.length; k += 3) {
      const dx = g[k]! - t[k]!;
      const dy = g[k + 1]! - t[k + 1]!;
      const dz = g[k + 2]! - t[k + 2]!;
      // Squared comparison: no sqrt per joint, same answer.
      if (dx * dx + dy * dy + dz * dz <= limit) hits++;
      total++;
    }
  });
  // No joint-frames means nothing was measured; NaN keeps that from reading as 0% or 100%.
  return total === 0 ? Number.NaN : hits / total;
}
