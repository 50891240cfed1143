/**
 * How preview arrays travel: base64 of their little-endian bytes. Float32 positions stay exact
 * and take about a third of the room of JSON numbers; audio goes as 16-bit PCM, which is what
 * the demo's WAVs hold anyway. The renderer decodes with atob into typed arrays (every
 * platform Stagecraft runs on is little-endian; the encoder writes little-endian explicitly).
 */

export function float32ToBase64(values: Float32Array): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeFloatLE(values[i] as number, i * 4);
  return bytes.toString('base64');
}

export function base64ToFloat32(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Float32Array(bytes.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

/** Samples nominally in -1..1 → 16-bit PCM (clipped, rounded), base64. */
export function pcm16Base64(samples: Float32Array): string {
  const bytes = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    const clipped = Math.max(-1, Math.min(1, samples[i] as number));
    bytes.writeInt16LE(Math.round(clipped * 32767), i * 2);
  }
  return bytes.toString('base64');
}
