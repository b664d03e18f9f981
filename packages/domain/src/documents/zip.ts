/** Just enough of the ZIP format to tell office documents apart, reading only a few small ranges. */
export interface RandomAccessFile {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const MAX_COMMENT = 0xffff;
// Real office files have a few dozen entries; these caps keep a hostile archive cheap to read.
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

export const isZip = (head: Buffer) => head.length >= 4 && head.readUInt32LE(0) === LOCAL_HEADER;

/**
 * The names in the archive's central directory (the authoritative list, at the end of the file),
 * or undefined when it is not a well-formed ZIP within the caps. ZIP64 is refused: office files
 * never need it below our size limit.
 */
export async function zipEntryNames(file: RandomAccessFile): Promise<string[] | undefined> {
  const tailLength = Math.min(file.size, 22 + MAX_COMMENT);
  const tail = await file.read(file.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (entries > MAX_ENTRIES || directorySize > MAX_DIRECTORY_BYTES) return undefined;
  if (directoryOffset + directorySize > file.size) return undefined;
  const directory = await file.read(directoryOffset, directorySize);
  const names: string[] = [];
  let at = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) return undefined;
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    if (at + 46 + nameLength > directory.length) return undefined;
    names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * The content of the first entry when it is a stored (uncompressed) `mimetype` file: how
 * OpenDocument files declare their type, by rule placed first so that a few bytes tell.
 */
export function openDocumentMimetype(head: Buffer): string | undefined {
  if (!isZip(head) || head.length < 30) return undefined;
  const method = head.readUInt16LE(8);
  const size = head.readUInt32LE(18);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const start = 30 + nameLength + extraLength;
  if (method !== 0 || size > 100 || start + size > head.length) return undefined;
  if (head.toString('latin1', 30, 30 + nameLength) !== 'mimetype') return undefined;
  return head.toString('latin1', start, start + size);
}
