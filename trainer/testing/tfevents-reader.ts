/**
 * Test helper: a TensorBoard event-file reader written from the format description alone
 * (TFRecord framing with masked CRC-32C; the Event protobuf's wire format, by TensorFlow's
 * field numbers), sharing no code with the writer in trainer/tensorboard/, so a test that reads
 * back what the writer wrote checks the format, not the writer against itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** CRC-32C bit by bit (Castagnoli, reflected polynomial 0x82F63B78), then TensorFlow's mask. */
function maskedCrc(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  crc = (crc ^ 0xffffffff) >>> 0;
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/** The records of a TFRecord file whose framing and both CRCs check; reading stops at the first that does not (a torn tail). */
export function readRecords(file: Buffer): { records: Buffer[]; torn: boolean } {
  const records: Buffer[] = [];
  let at = 0;
  while (at < file.length) {
    if (at + 12 > file.length) return { records, torn: true };
    const length = Number(file.readBigUInt64LE(at));
    if (maskedCrc(file.subarray(at, at + 8)) !== file.readUInt32LE(at + 8) || at + 12 + length + 4 > file.length) return { records, torn: true };
    const data = file.subarray(at + 12, at + 12 + length);
    if (maskedCrc(data) !== file.readUInt32LE(at + 12 + length)) return { records, torn: true };
    records.push(data);
    at += 12 + length + 4;
  }
  return { records, torn: false };
}

type Field = { no: number; varint?: bigint; fixed64?: Buffer; fixed32?: Buffer; bytes?: Buffer };

/** Protobuf wire format: (field << 3 | type) keys, varints, 64- and 32-bit fixed, length-delimited. */
function fields(buffer: Buffer): Field[] {
  const out: Field[] = [];
  let at = 0;
  const varint = () => {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = buffer[at++]!;
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < buffer.length) {
    const key = Number(varint());
    const no = key >> 3;
    switch (key & 7) {
      case 0:
        out.push({ no, varint: varint() });
        break;
      case 1:
        out.push({ no, fixed64: buffer.subarray(at, (at += 8)) });
        break;
      case 2: {
        const length = Number(varint());
        out.push({ no, bytes: buffer.subarray(at, (at += length)) });
        break;
      }
      case 5:
        out.push({ no, fixed32: buffer.subarray(at, (at += 4)) });
        break;
      default:
        throw new Error(`wire type ${key & 7}`);
    }
  }
  return out;
}

export interface ReadEvent {
  wallTime: number;
  step: number;
  fileVersion?: string;
  scalars: Record<string, number>;
  texts: Record<string, string>;
  sessionStatus?: number;
}

/** event.proto: wall_time 1, step 2, file_version 3, summary 5 (value 1: tag 1, simple_value 2, tensor 8 → string_val 8), session_log 7 (status 1). */
export function readEvent(record: Buffer): ReadEvent {
  const event: ReadEvent = { wallTime: NaN, step: 0, scalars: {}, texts: {} };
  for (const f of fields(record)) {
    if (f.no === 1) event.wallTime = f.fixed64!.readDoubleLE(0);
    if (f.no === 2) event.step = Number(f.varint);
    if (f.no === 3) event.fileVersion = f.bytes!.toString('utf8');
    if (f.no === 7) event.sessionStatus = Number(fields(f.bytes!).find((s) => s.no === 1)?.varint ?? 0n);
    if (f.no !== 5) continue;
    for (const value of fields(f.bytes!).filter((v) => v.no === 1).map((v) => fields(v.bytes!))) {
      const tag = value.find((v) => v.no === 1)!.bytes!.toString('utf8');
      const simple = value.find((v) => v.no === 2);
      if (simple) event.scalars[tag] = simple.fixed32!.readFloatLE(0);
      const tensor = value.find((v) => v.no === 8);
      if (tensor) event.texts[tag] = fields(tensor.bytes!).find((t) => t.no === 8)!.bytes!.toString('utf8');
    }
  }
  return event;
}

/** Every event of a run's TensorBoard folder for `branch` (`<run>/tensorboard/<branch>`), files in name order. */
export function readBranch(runDir: string, branch: string): { events: ReadEvent[]; torn: boolean } {
  const dir = join(runDir, 'tensorboard', branch);
  const files = readdirSync(dir).filter((f) => f.includes('tfevents')).sort();
  const read = files.map((f) => readRecords(readFileSync(join(dir, f))));
  return { events: read.flatMap((r) => r.records.map(readEvent)), torn: read.some((r) => r.torn) };
}
