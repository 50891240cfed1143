/**
 * Test helper: a WebSocket client made of a bare TCP socket, so a test can send what no
 * well-behaved client library will (oversize lengths, unmasked frames, reserved bits and
 * opcodes, bad close codes, stray continuations) and read exactly what serve answers: the
 * upgrade's status line, then the server's frames (its close code above all).
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  /** RSV1..3 as bits 4..6 of the first byte (0x40, 0x20, 0x10). */
  rsv?: number;
  /** Clients must mask; false sends the frame as a server would. */
  masked?: boolean;
  /** Claims this payload length in the header instead of the real one (sends the real bytes). */
  claimLength?: bigint;
}

/** One frame's bytes, as RFC 6455 lays them out. */
export function frame({ opcode, payload = Buffer.alloc(0), fin = true, rsv = 0, masked = true, claimLength }: FrameSpec): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = claimLength ?? BigInt(body.length);
  let header: Buffer;
  if (length < 126n) header = Buffer.from([0, Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header[1] = 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[1] = 127;
    header.writeBigUInt64BE(length, 2);
  }
  header[0] = (fin ? 0x80 : 0) | rsv | opcode;
  if (!masked) return Buffer.concat([header, body]);
  header[1] = (header[1] as number) | 0x80;
  const mask = randomBytes(4);
  const out = Buffer.from(body);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([header, mask, out]);
}

export const OP = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

export interface RawUpgrade {
  /** The upgrade's HTTP status (101 when it opened). */
  status: number;
  headers: string;
  socket: Socket;
  /** Frames the server sent after a 101, as they arrive. */
  frames: ServerFrame[];
  /** Resolves with the server's close code (null: the connection ended without a close frame). */
  closed: Promise<{ code: number | null; reason: string }>;
}

export interface RawUpgradeOptions {
  origin?: string;
  localAddress?: string;
  timeoutMs?: number;
}

/** Opens a TCP connection to `socketUrl` (ws://host:port/path?query) and sends the upgrade request. */
export function rawUpgrade(socketUrl: string, { origin, localAddress, timeoutMs = 10_000 }: RawUpgradeOptions = {}): Promise<RawUpgrade> {
  const url = new URL(socketUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), localAddress });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no upgrade answer from ${url.host} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('connect', () => {
      const lines = [
        `GET ${url.pathname}${url.search} HTTP/1.1`,
        `Host: ${url.host}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...(origin === undefined ? [] : [`Origin: ${origin}`]),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let buffer: Buffer = Buffer.alloc(0);
    let upgrade: RawUpgrade | null = null;
    let settleClose: (value: { code: number | null; reason: string }) => void = () => {};
    const closed = new Promise<{ code: number | null; reason: string }>((done) => (settleClose = done));
    socket.on('close', () => settleClose({ code: null, reason: '' }));
    socket.on('error', () => {}); // a reset after the upgrade shows as 'close' without a close frame
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgrade) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const headers = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        clearTimeout(timer);
        upgrade = { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0), headers, socket, frames: [], closed };
        resolve(upgrade);
      }
      buffer = readFrames(buffer, (f) => {
        upgrade!.frames.push(f);
        if (f.opcode === OP.close) settleClose({ code: f.payload.length >= 2 ? f.payload.readUInt16BE(0) : null, reason: f.payload.subarray(2).toString('utf8') });
      });
    });
  });
}

/** Takes whole (unmasked, server) frames off the front of `buffer`; returns what is left. */
function readFrames(buffer: Buffer, onFrame: (f: ServerFrame) => void): Buffer {
  for (;;) {
    if (buffer.length < 2) return buffer;
    const short = (buffer[1] as number) & 0x7f;
    const headerLength = short === 126 ? 4 : short === 127 ? 10 : 2;
    if (buffer.length < headerLength) return buffer;
    const length = short === 126 ? buffer.readUInt16BE(2) : short === 127 ? Number(buffer.readBigUInt64BE(2)) : short;
    if (buffer.length < headerLength + length) return buffer;
    onFrame({ opcode: (buffer[0] as number) & 0x0f, payload: buffer.subarray(headerLength, headerLength + length) });
    buffer = buffer.subarray(headerLength + length);
  }
}
