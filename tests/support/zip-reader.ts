import { crc32, inflateRawSync } from 'node:zlib';

export interface ReadEntry {
  name: string;
  method: number;
  crc: number;
  data: Buffer;
}

/**
 * Reads a whole ZIP the way an unzip tool does: the end record, the central directory, then each
 * entry from its local header (stored or deflated), checking every CRC and size against what the
 * directory and any data descriptor say. Throws on anything inconsistent.
 */
export function readZip(zip: Buffer): Map<string, ReadEntry> {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (directoryOffset + directorySize !== end) throw new Error('the central directory does not end at the end record');
  const entries = new Map<string, ReadEntry>();
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central header at ${at}`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (!(flags & (1 << 11)) && /[^\x20-\x7e]/.test(name))
      throw new Error(`${name}: non-ASCII name without the UTF-8 flag`);
    at += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(offset) !== 0x04034b50) throw new Error(`${name}: no local header at ${offset}`);
    const localName = zip.toString('utf8', offset + 30, offset + 30 + zip.readUInt16LE(offset + 26));
    if (localName !== name) throw new Error(`${name}: the local header says ${localName}`);
    const start = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
    const stored = zip.subarray(start, start + compressedSize);
    const data = method === 0 ? Buffer.from(stored) : method === 8 ? inflateRawSync(stored) : undefined;
    if (!data) throw new Error(`${name}: unknown method ${method}`);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, the directory says ${size}`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC ${crc32(data)}, the directory says ${crc}`);
    if (flags & (1 << 3)) {
      const d = start + compressedSize;
      if (zip.readUInt32LE(d) !== 0x08074b50) throw new Error(`${name}: no data descriptor`);
      if (zip.readUInt32LE(d + 4) !== crc || zip.readUInt32LE(d + 12) !== size)
        throw new Error(`${name}: the data descriptor disagrees with the directory`);
    } else if (zip.readUInt32LE(offset + 14) !== crc || zip.readUInt32LE(offset + 22) !== size) {
      throw new Error(`${name}: the local header disagrees with the directory`);
    }
    if (entries.has(name)) throw new Error(`${name}: twice`);
    entries.set(name, { name, method, crc, data });
  }
  return entries;
}

/** An entry's text, parsed as JSON. */
export function zipJson(entries: Map<string, ReadEntry>, name: string): unknown {
  const entry = entries.get(name);
  if (!entry) throw new Error(`no ${name} in the archive (it holds ${[...entries.keys()].join(', ')})`);
  return JSON.parse(entry.data.toString('utf8'));
}
