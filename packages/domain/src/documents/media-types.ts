import { compoundFileEntries, isCompoundFile } from './compound-file.js';
import { isZip, openDocumentMimetype, type RandomAccessFile, zipEntryNames } from './zip.js';

/** A type we accept, with the file name extensions that go with it (the first is the usual one). */
export interface MediaType {
  mediaType: string;
  extensions: readonly string[];
}

const type = (mediaType: string, ...extensions: string[]): MediaType => ({ mediaType, extensions });

export const MEDIA_TYPES = {
  pdf: type('application/pdf', 'pdf'),
  docx: type('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'),
  xlsx: type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'),
  pptx: type('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'),
  doc: type('application/msword', 'doc'),
  xls: type('application/vnd.ms-excel', 'xls'),
  ppt: type('application/vnd.ms-powerpoint', 'ppt'),
  odt: type('application/vnd.oasis.opendocument.text', 'odt'),
  ods: type('application/vnd.oasis.opendocument.spreadsheet', 'ods'),
  odp: type('application/vnd.oasis.opendocument.presentation', 'odp'),
  png: type('image/png', 'png'),
  jpeg: type('image/jpeg', 'jpg', 'jpeg'),
  text: type('text/plain', 'txt', 'text', 'md'),
  csv: type('text/csv', 'csv'),
} as const;

const OPEN_DOCUMENT: Record<string, MediaType> = {
  [MEDIA_TYPES.odt.mediaType]: MEDIA_TYPES.odt,
  [MEDIA_TYPES.ods.mediaType]: MEDIA_TYPES.ods,
  [MEDIA_TYPES.odp.mediaType]: MEDIA_TYPES.odp,
};

/** Office Open XML: the package manifest plus the main part of one application. */
const OFFICE_MAIN_PARTS: Array<[string, MediaType]> = [
  ['word/document.xml', MEDIA_TYPES.docx],
  ['xl/workbook.xml', MEDIA_TYPES.xlsx],
  ['ppt/presentation.xml', MEDIA_TYPES.pptx],
];

/** Legacy Office (OLE2): the main stream's name tells the application. */
const LEGACY_MAIN_STREAMS: Array<[string, MediaType]> = [
  ['WordDocument', MEDIA_TYPES.doc],
  ['Workbook', MEDIA_TYPES.xls],
  ['Book', MEDIA_TYPES.xls],
  ['PowerPoint Document', MEDIA_TYPES.ppt],
];
// Where Word (Macros) and Excel (_VBA_PROJECT_CUR) keep a VBA project; VBA and PROJECT sit inside it.
const LEGACY_MACRO_STORAGES = new Set(['Macros', '_VBA_PROJECT_CUR', '_VBA_PROJECT', 'VBA']);

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HEAD_BYTES = 8192;
const TEXT_CHUNK = 65_536;

// Markup that a browser would render if it ever sniffed it: refused even though it is text.
const MARKUP =
  /^(?:\ufeff)?\s*<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|svg|\?xml)[\s>/]|^(?:\ufeff)?\s*<!--/i;

async function officeType(file: RandomAccessFile, head: Buffer): Promise<MediaType | undefined> {
  const declared = openDocumentMimetype(head);
  if (declared !== undefined) return OPEN_DOCUMENT[declared];
  const names = new Set(await zipEntryNames(file));
  if (!names.has('[Content_Types].xml')) return undefined;
  // Macro-enabled documents carry code that runs when opened; they are not shared here.
  if ([...names].some((name) => name.endsWith('vbaProject.bin'))) return undefined;
  return OFFICE_MAIN_PARTS.find(([part]) => names.has(part))?.[1];
}

async function legacyOfficeType(file: RandomAccessFile): Promise<MediaType | undefined> {
  const entries = await compoundFileEntries(file);
  if (entries === undefined) return undefined;
  // As with the open formats: code that runs when the file is opened is not shared here.
  if (entries.some((e) => e.kind === 'storage' && LEGACY_MACRO_STORAGES.has(e.name))) return undefined;
  const streams = new Set(entries.filter((e) => e.kind === 'stream').map((e) => e.name));
  return LEGACY_MAIN_STREAMS.find(([name]) => streams.has(name))?.[1];
}

/** Valid UTF-8 with no NUL byte anywhere, read in chunks so a large file is never held whole. */
async function isText(file: RandomAccessFile): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let at = 0; at < file.size; at += TEXT_CHUNK) {
      const chunk = await file.read(at, TEXT_CHUNK);
      if (chunk.includes(0)) return false;
      decoder.decode(chunk, { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file, decided by its bytes alone; the name only tells CSV from plain text, which
 * the bytes cannot. Undefined means we do not accept it.
 */
export async function detectMediaType(file: RandomAccessFile, name: string): Promise<MediaType | undefined> {
  const head = await file.read(0, HEAD_BYTES);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return MEDIA_TYPES.pdf;
  if (head.subarray(0, 8).equals(PNG)) return MEDIA_TYPES.png;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return MEDIA_TYPES.jpeg;
  if (isZip(head)) return officeType(file, head);
  if (isCompoundFile(head)) return legacyOfficeType(file);
  if (!(await isText(file))) return undefined;
  if (MARKUP.test(head.toString('utf8', 0, 1024))) return undefined;
  return /\.csv$/i.test(name.trim()) ? MEDIA_TYPES.csv : MEDIA_TYPES.text;
}

export const ACCEPTED_TYPES =
  'PDF, DOCX, XLSX, PPTX, DOC, XLS, PPT (without macros), ODT, ODS, ODP, PNG, JPEG, plain text, CSV';
