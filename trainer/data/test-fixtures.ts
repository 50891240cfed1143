/**
 * Shared by the data tests: a tiny hand-checkable BVH, and the real CMU files that Debian's
 * assimp-testmodels package ships. Tests on CMU data are skipped — loudly — when the
 * package is missing, rather than failing on a machine that simply lacks the fixture.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BVH_FIXTURE_DIR = '/usr/share/assimp/models/BVH';
export const CMU_01_01 = join(BVH_FIXTURE_DIR, '01_01.bvh');
export const BOXING = join(BVH_FIXTURE_DIR, 'Boxing_Toes.bvh');
export const HAS_CMU = existsSync(CMU_01_01);
export const HAS_BOXING = existsSync(BOXING);

/** Appended to test names so a skipped run says why and how to fix it. */
export function skipNote(path: string, present: boolean): string {
  return present ? '' : ` — SKIPPED: ${path} is missing; run: apt-get install assimp-testmodels`;
}

if (!HAS_CMU) {
  console.warn(`CMU BVH fixture ${CMU_01_01} not found; CMU tests are skipped. Run: apt-get install assimp-testmodels`);
}

/**
 * Hips (6 channels) → Chest (3 channels) → End Site. Frame 2 rotates the root by
 * Z 90° then X 90° (intrinsic), which puts the Chest straight forward of the hips.
 */
export const TINY_BVH = `HIERARCHY
ROOT Hips
{
\tOFFSET 0 0 0
\tCHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
\tJOINT Chest
\t{
\t\tOFFSET 0 10 0
\t\tCHANNELS 3 Zrotation Xrotation Yrotation
\t\tEnd Site
\t\t{
\t\t\tOFFSET 0 5 0
\t\t}
\t}
}
MOTION
Frames: 2
Frame Time: 0.04
0 90 0 0 0 0 0 0 0
1 90 0 90 90 0 0 0 0
`;

/** A fresh folder per test; call the returned function to delete it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-data-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
