import type { RandomAccessFile } from './zip.js';

/**
 * Just enough of the OLE2 compound file format (MS-CFB) to tell legacy Office files apart: the
 * names in its directory, found by following the directory's sector chain through the FAT.
 */

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const HEADER_DIFAT_ENTRIES = 109;
const ENTRY_BYTES = 128;
// Sector numbers at or above this one are markers (end of chain, free, FAT, DIFAT), not sectors.
const MAX_REGULAR_SECTOR = 0xfffffffa;
// Real Office files have a few dozen entries; the cap keeps a hostile file cheap to read.
const MAX_DIRECTORY_SECTORS = 1024;

const OBJECT_STORAGE = 1;
const OBJECT_STREAM = 2;

export const isCompoundFile = (head: Buffer) => head.length >= 512 && head.subarray(0, 8).equals(SIGNATURE);

export interface CompoundEntry {
  name: string;
  kind: 'storage' | 'stream';
}

/**
 * The storages and streams in the file's directory, or undefined when the file is not a
 * well-formed compound file (bad sector size, a chain that loops or leaves the file).
 */
export async function compoundFileEntries(file: RandomAccessFile): Promise<CompoundEntry[] | undefined> {
  const header = await file.read(0, 512);
  if (!isCompoundFile(header)) return undefined;
  const shift = header.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return undefined;
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const fatSectors = await fatSectorList(file, header, sectorSize);
  if (fatSectors === undefined) return undefined;

  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const inFile = (sector: number) => sector < MAX_REGULAR_SECTOR && sectorOffset(sector) + sectorSize <= file.size;
  const nextSector = async (sector: number) => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined || !inFile(fatSector)) return undefined;
    const entry = await file.read(sectorOffset(fatSector) + (sector % perSector) * 4, 4);
    return entry.readUInt32LE(0);
  };

  const entries: CompoundEntry[] = [];
  const seen = new Set<number>();
  for (let sector = header.readUInt32LE(0x30); sector !== 0xfffffffe; ) {
    if (!inFile(sector) || seen.has(sector) || seen.size >= MAX_DIRECTORY_SECTORS) return undefined;
    seen.add(sector);
    const bytes = await file.read(sectorOffset(sector), sectorSize);
    for (let at = 0; at + ENTRY_BYTES <= bytes.length; at += ENTRY_BYTES) {
      const type = bytes[at + 66];
      if (type !== OBJECT_STORAGE && type !== OBJECT_STREAM) continue;
      const nameBytes = Math.min(bytes.readUInt16LE(at + 64), 64);
      const name = bytes.toString('utf16le', at, at + Math.max(nameBytes - 2, 0));
      entries.push({ name, kind: type === OBJECT_STORAGE ? 'storage' : 'stream' });
    }
    const next = await nextSector(sector);
    if (next === undefined) return undefined;
    sector = next;
  }
  return entries;
}

/** Where the FAT's sectors are: the header's first 109, then the DIFAT chain for larger files. */
async function fatSectorList(file: RandomAccessFile, header: Buffer, sectorSize: number) {
  const count = header.readUInt32LE(0x2c);
  if (count * sectorSize > file.size) return undefined;
  const sectors: number[] = [];
  for (let i = 0; i < Math.min(count, HEADER_DIFAT_ENTRIES); i++) sectors.push(header.readUInt32LE(0x4c + i * 4));
  const seen = new Set<number>();
  for (let difat = header.readUInt32LE(0x44); sectors.length < count; ) {
    if (difat >= MAX_REGULAR_SECTOR || seen.has(difat)) return undefined;
    seen.add(difat);
    const bytes = await file.read((difat + 1) * sectorSize, sectorSize);
    if (bytes.length < sectorSize) return undefined;
    const perSector = sectorSize / 4 - 1;
    for (let i = 0; i < perSector && sectors.length < count; i++) sectors.push(bytes.readUInt32LE(i * 4));
    difat = bytes.readUInt32LE(perSector * 4);
  }
  return sectors;
}
