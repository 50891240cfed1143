/**
 * BVH writer: the inverse of parseBvh. Used for the demo dataset and for exporting
 * generated motion, so a user can open it in Blender. Numbers are written with the fewest
 * digits that read back as the same float32, which keeps files small and makes
 * parse(write(m)) reproduce the channel data — and so the positions — bit for bit.
 */
import type { BvhMotion } from './bvh-parse.js';

/** Shortest decimal text that parses back to exactly this float32 value. */
export function formatFloat32(value: number): string {
  const target = Math.fround(value);
  // -0 is kept: FK of -0° and 0° can differ in the sign of a zero coordinate.
  if (Object.is(target, -0)) return '-0';
  if (Number.isInteger(target) && Math.abs(target) < 1e15) return String(target);
  // 9 significant digits always round-trip a float32; most values need far fewer.
  for (let digits = 6; digits <= 9; digits++) {
    const text = trimZeros(target.toPrecision(digits));
    if (Math.fround(Number(text)) === target) return text;
  }
  return String(target);
}

function trimZeros(text: string): string {
  if (text.includes('e')) {
    const [mantissa, exponent] = text.split('e') as [string, string];
    return `${trimZeros(mantissa)}e${exponent}`;
  }
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Offsets stay float64 in memory, so they are written in full to keep FK identical. */
function formatOffset(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

export function writeBvh(motion: BvhMotion): string {
  const { skeleton } = motion;
  const out: string[] = ['HIERARCHY'];
  const children = skeleton.names.map(() => [] as number[]);
  skeleton.parents.forEach((p, j) => {
    if (p >= 0) children[p]!.push(j);
  });

  const writeJoint = (j: number, depth: number): void => {
    const pad = '\t'.repeat(depth);
    const offset = skeleton.offsets[j]!;
    const channels = skeleton.channels[j]!;
    out.push(`${pad}${depth === 0 ? 'ROOT' : 'JOINT'} ${skeleton.names[j]!}`);
    out.push(`${pad}{`);
    out.push(`${pad}\tOFFSET ${offset.map(formatOffset).join(' ')}`);
    out.push(`${pad}\tCHANNELS ${channels.length}${channels.map((c) => ` ${c}`).join('')}`);
    for (const child of children[j]!) writeJoint(child, depth + 1);
    const site = skeleton.endSites[j];
    if (site) {
      out.push(`${pad}\tEnd Site`, `${pad}\t{`, `${pad}\t\tOFFSET ${site.map(formatOffset).join(' ')}`, `${pad}\t}`);
    }
    out.push(`${pad}}`);
  };
  // The file order is the depth-first order, so a skeleton whose indices are not
  // depth-first would come back renumbered and its channel data would be misread.
  const order: number[] = [];
  const visit = (j: number): void => {
    order.push(j);
    for (const child of children[j]!) visit(child);
  };
  skeleton.parents.forEach((p, j) => {
    if (p < 0) visit(j);
  });
  if (order.some((j, i) => j !== i)) throw new Error('writeBvh: joints must be numbered in depth-first order');
  skeleton.parents.forEach((p, j) => {
    if (p < 0) writeJoint(j, 0);
  });

  out.push('MOTION', `Frames: ${motion.frameCount}`, `Frame Time: ${motion.frameTime}`);
  const width = motion.frameCount === 0 ? 0 : motion.channelData.length / motion.frameCount;
  const row: string[] = new Array<string>(width);
  for (let f = 0; f < motion.frameCount; f++) {
    for (let c = 0; c < width; c++) row[c] = formatFloat32(motion.channelData[f * width + c]!);
    out.push(row.join(' '));
  }
  return `${out.join('\n')}\n`;
}
