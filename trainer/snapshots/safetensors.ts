/**
 * The safetensors format (float32 only, which is all TF.js holds): an 8-byte little-endian
 * header length, a JSON header naming each tensor's shape and byte range, then the raw bytes.
 * Chosen so a user can load Stagecraft weights in PyTorch or any safetensors reader.
 */
export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

export function encodeSafetensors(tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = JSON.stringify(header);
  // Pad so the tensor data starts 8-byte aligned, as the reference writer does.
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const headerBytes = Buffer.from(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const t of tensors) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

export function decodeSafetensors(bytes: Uint8Array, file: string): { tensors: NamedTensor[]; metadata: Record<string, string> } {
  const fail = (problem: string): never => {
    throw new Error(`'${file}' is not a valid safetensors file: ${problem}.`);
  };
  if (bytes.length < 8) fail('it is shorter than its 8-byte header length');
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (8 + headerLength > bytes.length) fail(`its header claims ${headerLength} bytes but the file has ${bytes.length}`);
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] } | Record<string, string>>;
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + headerLength)).toString('utf8'));
  } catch {
    return fail('its header is not JSON');
  }
  const base = 8 + headerLength;
  const tensors: NamedTensor[] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: range } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    if (dtype !== 'F32') fail(`tensor '${name}' has dtype ${dtype}, only F32 is supported`);
    const count = shape.reduce((a, b) => a * b, 1);
    if (range[1] - range[0] !== count * 4 || base + range[1] > bytes.length) fail(`tensor '${name}' has a bad byte range`);
    // Copy: the file's bytes are not necessarily 4-byte aligned for a Float32Array view.
    const data = new Float32Array(bytes.slice(base + range[0], base + range[1]).buffer);
    tensors.push({ name, shape, data });
  }
  return { tensors, metadata: (header.__metadata__ as Record<string, string>) ?? {} };
}
