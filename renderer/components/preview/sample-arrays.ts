/**
 * Typed arrays out of a preview sample: the trainer sends joint positions as base64
 * little-endian float32 and audio as base64 16-bit PCM (trainer/previews/sample-codec.ts).
 */

function bytesOf(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function decodeFloat32(base64: string): Float32Array {
  const bytes = bytesOf(base64);
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(bytes.length >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** 16-bit PCM → -1..1 floats, what an AudioBuffer holds. */
export function decodePcm16(base64: string): Float32Array {
  const bytes = bytesOf(base64);
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}
