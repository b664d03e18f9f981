import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { Session, TestContext } from './context.js';

/** A private upload folder per test file, removed afterwards. */
export async function uploadFolder() {
  const dir = await mkdtemp(join(tmpdir(), 'hubspoke-uploads-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Every file under `folder` (relative paths), to see what storage kept or left behind. */
export async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(folder.length + 1));
}

export interface FilePart {
  name: string;
  bytes: Uint8Array | string;
  type?: string;
}

/** A multipart body as a browser's FormData would send it: fields in the given order, then the file. */
export async function multipart(fields: Record<string, string | string[]>, file?: FilePart) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  if (file) form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
  };
}

/** A stored-only ZIP with the given entries, in order (enough for office-file detection). */
export function zip(entries: Array<[name: string, content: string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A minimal OLE2 compound file (512-byte sectors): header, one FAT sector, one directory sector
 * holding the root and the given entries. Enough for legacy-Office detection.
 */
export function compoundFile(entries: Array<[name: string, kind: 'storage' | 'stream']>): Buffer {
  const sector = 512;
  const header = Buffer.alloc(sector);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector…
  header.writeUInt32LE(1, 0x30); // …then the directory in sector 1
  header.writeUInt32LE(0x1000, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  header.fill(0xff, 0x4c);
  header.writeUInt32LE(0, 0x4c);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 is the FAT
  fat.writeUInt32LE(0xfffffffe, 4); // sector 1, the directory, ends its chain
  const directory = Buffer.alloc(sector);
  const all: Array<[string, number]> = [
    ['Root Entry', 5],
    ...entries.map(([n, k]): [string, number] => [n, k === 'storage' ? 1 : 2]),
  ];
  all.slice(0, 4).forEach(([name, type], i) => {
    const at = i * 128;
    directory.write(name, at, 'utf16le');
    directory.writeUInt16LE((name.length + 1) * 2, at + 64);
    directory[at + 66] = type;
  });
  return Buffer.concat([header, fat, directory]);
}

export const SAMPLES = {
  pdf: (text = 'contenuto') => Buffer.from(`%PDF-1.7\n1 0 obj << /Title (${text}) >> endobj\n%%EOF\n`),
  png: () =>
    Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    ),
  jpeg: () => Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'),
  office: (main: string) =>
    zip([
      ['[Content_Types].xml', '<Types/>'],
      ['_rels/.rels', '<Relationships/>'],
      [main, '<x/>'],
    ]),
  openDocument: (type: string) =>
    zip([
      ['mimetype', type],
      ['content.xml', '<office:document-content/>'],
    ]),
};

export const VALID_FIELDS = {
  title: 'Piano strategico di apertura internazionale',
  description: 'Proposta del Comune per la cooperazione con le città del Mediterraneo',
  kind: 'strategic_plan',
  focusArea: 'cultura',
  language: 'it',
};

/** Uploads a document through the API as `as`; fails loudly unless it is created. */
export async function newDocument(
  ctx: TestContext,
  as: Session,
  fields: Record<string, string | string[]> & { tableId: string },
  file: FilePart = { name: 'piano.pdf', bytes: SAMPLES.pdf() },
) {
  const body = await multipart({ ...VALID_FIELDS, ...fields }, file);
  const response = await ctx.request({ method: 'POST', url: '/api/documents', as, ...body });
  if (response.statusCode !== 201) throw new Error(`document upload failed: ${response.statusCode} ${response.body}`);
  return response.json().document as { id: number; threadId: number; tableId: number; title: string; status: string };
}

export async function newVersion(ctx: TestContext, as: Session, documentId: number, file: FilePart, note = '') {
  const body = await multipart({ note }, file);
  return ctx.request({ method: 'POST', url: `/api/documents/${documentId}/versions`, as, ...body });
}

export function transition(ctx: TestContext, as: Session, documentId: number, to: string, comment?: string) {
  return ctx.request({
    method: 'POST',
    url: `/api/documents/${documentId}/transitions`,
    as,
    payload: { to, ...(comment !== undefined ? { comment } : {}) },
  });
}
