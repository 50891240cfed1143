/**
 * TFRecord framing, as TensorFlow's record writer lays each record out: the data's length as a
 * little-endian uint64, the masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of
 * the data. A reader checks both CRCs; a torn last record fails them and is dropped.
 */
import { crc32c } from '@aws-crypto/crc32c';

/** TensorFlow's CRC mask (crc32c.h): rotate right by 15 bits and add a constant, so CRCs of CRCs stay distinct. */
export function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32c(data) >>> 0;
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

export function tfrecord(data: Uint8Array): Buffer {
  const out = Buffer.alloc(8 + 4 + data.length + 4);
  out.writeBigUInt64LE(BigInt(data.length), 0);
  out.writeUInt32LE(maskedCrc32c(out.subarray(0, 8)), 8);
  out.set(data, 12);
  out.writeUInt32LE(maskedCrc32c(data), 12 + data.length);
  return out;
}
