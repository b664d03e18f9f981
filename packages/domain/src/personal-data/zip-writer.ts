import { Readable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import { romeWallClock, type WallClock } from '../shared/rome-time.js';

/**
 * A ZIP archive written as a stream (PKWARE APPNOTE 6.3, no ZIP64): what readers everywhere
 * open, from Windows Explorer to `unzip` and Python's zipfile. Texts are deflated in memory;
 * files are streamed in as they are (stored), so an archive of any size holds one chunk at a
 * time. Names are UTF-8 (flag bit 11).
 */
export type ZipEntry =
  /** A text or small buffer: deflated, unless that makes it larger. */
  | { name: string; data: Buffer | string }
  /** A file read as a stream, stored uncompressed; its CRC and size follow it (data descriptor). */
  | { name: string; open: () => Readable };

export interface ZipOptions {
  /** The time every entry carries (the moment of the export), shown in Italian time. */
  modifiedAt: Date;
  /** Largest archive allowed; beyond it the stream fails. Without ZIP64 the format ends at 4 GiB. */
  maxBytes?: number;
}

/** The largest archive (and entry) the format holds without ZIP64: 0xFFFFFFFF itself means "see ZIP64". */
export const ZIP_MAX_BYTES = 0xffff_fffe;
const MAX_ENTRIES = 0xffff;

export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipLimitError';
  }
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const VERSION_NEEDED = 20; // 2.0: deflate, folders, data descriptors
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED; // 3: Unix, so the permissions below are read
const FLAG_DESCRIPTOR = 1 << 3;
const FLAG_UTF8 = 1 << 11;
const STORED = 0;
const DEFLATED = 8;
/** A regular file, rw-r--r--. */
const UNIX_FILE = (0o100644 << 16) >>> 0;

/** MS-DOS date and time (local time, 2-second steps), as the headers carry it. */
function dosDateTime(at: Date): { time: number; date: number } {
  const clock = romeWallClock(at);
  const part = (type: keyof WallClock) => Number(clock[type]);
  const year = part('year');
  if (year < 1980) return { time: 0, date: (1 << 5) | 1 };
  return {
    time: (part('hour') << 11) | (part('minute') << 5) | (part('second') >> 1),
    date: ((year - 1980) << 9) | (part('month') << 5) | part('day'),
  };
}

/** The "extended timestamp" extra field (0x5455): the same moment in UTC seconds, for readers that know it. */
function timestampField(at: Date): Buffer {
  const field = Buffer.alloc(9);
  field.writeUInt16LE(0x5455, 0);
  field.writeUInt16LE(5, 2);
  field.writeUInt8(1, 4); // modification time present
  field.writeUInt32LE(Math.max(0, Math.floor(at.getTime() / 1000)) >>> 0, 5);
  return field;
}

/** A path inside the archive: relative, forward slashes, no `..`, nothing a reader could write outside its folder. */
function checkedName(name: string, seen: Set<string>): Buffer {
  const segments = name.split('/');
  if (
    name === '' ||
    name.startsWith('/') ||
    name.includes('\\') ||
    /\p{Cc}/u.test(name) ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw new Error(`not a safe name inside a ZIP: ${JSON.stringify(name)}`);
  }
  if (seen.has(name)) throw new Error(`two entries named ${JSON.stringify(name)}`);
  seen.add(name);
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length > 0xffff) throw new Error('a ZIP entry name has at most 65535 bytes');
  return bytes;
}

interface Header {
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  name: Buffer;
}

function localHeader(h: Header, dos: { time: number; date: number }, extra: Buffer): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(h.flags, 6);
  header.writeUInt16LE(h.method, 8);
  header.writeUInt16LE(dos.time, 10);
  header.writeUInt16LE(dos.date, 12);
  header.writeUInt32LE(h.crc, 14);
  header.writeUInt32LE(h.compressedSize, 18);
  header.writeUInt32LE(h.size, 22);
  header.writeUInt16LE(h.name.length, 26);
  header.writeUInt16LE(extra.length, 28);
  return Buffer.concat([header, h.name, extra]);
}

function centralHeader(h: Header, dos: { time: number; date: number }, extra: Buffer, offset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  header.writeUInt16LE(VERSION_NEEDED, 6);
  header.writeUInt16LE(h.flags, 8);
  header.writeUInt16LE(h.method, 10);
  header.writeUInt16LE(dos.time, 12);
  header.writeUInt16LE(dos.date, 14);
  header.writeUInt32LE(h.crc, 16);
  header.writeUInt32LE(h.compressedSize, 20);
  header.writeUInt32LE(h.size, 24);
  header.writeUInt16LE(h.name.length, 28);
  header.writeUInt16LE(extra.length, 30);
  // comment length, disk number, internal attributes: 0
  header.writeUInt32LE(UNIX_FILE, 38);
  header.writeUInt32LE(offset, 42);
  return Buffer.concat([header, h.name, extra]);
}

async function* zipChunks(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, options: ZipOptions) {
  const maxBytes = Math.min(options.maxBytes ?? ZIP_MAX_BYTES, ZIP_MAX_BYTES);
  const tooLarge = () => new ZipLimitError(`the archive would be larger than ${maxBytes} bytes`);
  const dos = dosDateTime(options.modifiedAt);
  const extra = timestampField(options.modifiedAt);
  const seen = new Set<string>();
  const directory: Buffer[] = [];
  let offset = 0;

  for await (const entry of entries) {
    if (directory.length === MAX_ENTRIES) throw new ZipLimitError(`a ZIP holds at most ${MAX_ENTRIES} entries`);
    const name = checkedName(entry.name, seen);
    const start = offset;
    let header: Header;
    if ('data' in entry) {
      const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
      const deflated = deflateRawSync(raw);
      const body = deflated.length < raw.length ? deflated : raw;
      header = {
        flags: FLAG_UTF8,
        method: body === raw ? STORED : DEFLATED,
        crc: crc32(raw),
        compressedSize: body.length,
        size: raw.length,
        name,
      };
      const local = localHeader(header, dos, extra);
      offset += local.length + body.length;
      if (offset > maxBytes) throw tooLarge();
      yield local;
      yield body;
    } else {
      // Sizes and CRC are known only once the file has gone by: zeros here, the descriptor after.
      const local = localHeader(
        { flags: FLAG_UTF8 | FLAG_DESCRIPTOR, method: STORED, crc: 0, compressedSize: 0, size: 0, name },
        dos,
        extra,
      );
      offset += local.length;
      if (offset > maxBytes) throw tooLarge();
      yield local;
      let crc = 0;
      let size = 0;
      for await (const chunk of entry.open()) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        size += bytes.length;
        offset += bytes.length;
        if (offset > maxBytes) throw tooLarge();
        crc = crc32(bytes, crc);
        yield bytes;
      }
      header = { flags: FLAG_UTF8 | FLAG_DESCRIPTOR, method: STORED, crc, compressedSize: size, size, name };
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(size, 8);
      descriptor.writeUInt32LE(size, 12);
      offset += descriptor.length;
      if (offset > maxBytes) throw tooLarge();
      yield descriptor;
    }
    directory.push(centralHeader(header, dos, extra, start));
  }

  const central = Buffer.concat(directory);
  if (offset + central.length + 22 > maxBytes) throw tooLarge();
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  // disk numbers: 0
  end.writeUInt16LE(directory.length, 8);
  end.writeUInt16LE(directory.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  yield central;
  yield end;
}

/**
 * The archive of `entries`, in their order, as a byte stream that reads each file only when
 * the consumer is ready for it. Fails (the stream errors) on an unsafe or repeated name, or
 * past `maxBytes`.
 */
export function zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, options: ZipOptions): Readable {
  return Readable.from(zipChunks(entries, options), { objectMode: false });
}
