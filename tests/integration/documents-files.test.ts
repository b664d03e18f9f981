import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import {
  compoundFile,
  type FilePart,
  filesUnder,
  multipart,
  newVersion,
  SAMPLES,
  uploadFolder,
  VALID_FIELDS,
  zip,
} from '../support/documents.js';
import { newTable, signedIn } from '../support/factories.js';
import { collector, handBuiltMultipart, streamUpload } from '../support/uploads.js';

/**
 * Uploads and downloads: types decided by content, size limit, hostile names, versions. The
 * limit is small here (64 KiB) so "too big" is cheap; the 20 MB streaming check at the end runs on
 * a second server with the default limit.
 */
const LIMIT = 65_536;
let ctx: TestContext;
let folder: Awaited<ReturnType<typeof uploadFolder>>;
let author: { user: { id: number }; session: Session };
let outsider: { user: { id: number }; session: Session };
let tableId: number;

beforeAll(async () => {
  folder = await uploadFolder();
  ctx = await createTestContext({
    UPLOAD_DIR: folder.dir,
    UPLOAD_MAX_BYTES: String(LIMIT),
    POST_MAX_PER_WINDOW: '100000',
  });
  [author, outsider] = await Promise.all([signedIn(ctx), signedIn(ctx)]);
  tableId = (await newTable(ctx, { kind: 'regional', members: [author.user] })).id;
});
afterAll(async () => {
  await ctx.close();
  await folder.remove();
});

const upload = async (file: FilePart, fields: Record<string, string | string[]> = {}, as = author.session) =>
  ctx.request({
    method: 'POST',
    url: '/api/documents',
    as,
    ...(await multipart({ ...VALID_FIELDS, tableId: String(tableId), ...fields }, file)),
  });

const page = async (id: number, as = author.session) =>
  (await ctx.request({ method: 'GET', url: `/api/documents/${id}`, as })).json();

const download = (id: number, n: number, as = author.session) =>
  ctx.request({ method: 'GET', url: `/api/documents/${id}/versions/${n}/file`, as });

const documentCount = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A Word file whose directory chain points back at itself in the FAT. */
function loopingDirectory() {
  const bytes = compoundFile([['WordDocument', 'stream']]);
  bytes.writeUInt32LE(1, 512 + 4);
  return bytes;
}

describe('what an upload may be', () => {
  it.each([
    ['a PDF', { name: 'piano.pdf', bytes: SAMPLES.pdf() }, 'application/pdf', 'piano.pdf'],
    ['a PNG', { name: 'mappa.png', bytes: SAMPLES.png() }, 'image/png', 'mappa.png'],
    ['a JPEG', { name: 'foto.jpeg', bytes: SAMPLES.jpeg() }, 'image/jpeg', 'foto.jpeg'],
    [
      'a DOCX',
      { name: 'rapporto.docx', bytes: SAMPLES.office('word/document.xml') },
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'rapporto.docx',
    ],
    [
      'an XLSX',
      { name: 'dati.xlsx', bytes: SAMPLES.office('xl/workbook.xml') },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'dati.xlsx',
    ],
    [
      'a PPTX',
      { name: 'slide.pptx', bytes: SAMPLES.office('ppt/presentation.xml') },
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'slide.pptx',
    ],
    [
      'an ODT',
      { name: 'testo.odt', bytes: SAMPLES.openDocument('application/vnd.oasis.opendocument.text') },
      'application/vnd.oasis.opendocument.text',
      'testo.odt',
    ],
    [
      'an ODS',
      { name: 'foglio.ods', bytes: SAMPLES.openDocument('application/vnd.oasis.opendocument.spreadsheet') },
      'application/vnd.oasis.opendocument.spreadsheet',
      'foglio.ods',
    ],
    [
      'an ODP',
      { name: 'presentazione.odp', bytes: SAMPLES.openDocument('application/vnd.oasis.opendocument.presentation') },
      'application/vnd.oasis.opendocument.presentation',
      'presentazione.odp',
    ],
    [
      'a legacy Word file',
      {
        name: 'relazione.doc',
        bytes: compoundFile([
          ['WordDocument', 'stream'],
          ['1Table', 'stream'],
        ]),
      },
      'application/msword',
      'relazione.doc',
    ],
    [
      'a legacy Excel file',
      { name: 'bilancio.xls', bytes: compoundFile([['Workbook', 'stream']]) },
      'application/vnd.ms-excel',
      'bilancio.xls',
    ],
    [
      'a legacy PowerPoint file named as something else',
      {
        name: 'presentazione.pdf',
        bytes: compoundFile([
          ['PowerPoint Document', 'stream'],
          ['Current User', 'stream'],
        ]),
      },
      'application/vnd.ms-powerpoint',
      'presentazione.ppt',
    ],
    ['plain text', { name: 'note.txt', bytes: 'Città, attività e priorità\n' }, 'text/plain', 'note.txt'],
    ['a CSV (by its name)', { name: 'enti.csv', bytes: 'ente;regione\nBari;Puglia\n' }, 'text/csv', 'enti.csv'],
  ])('%s is accepted and typed by its content', async (_label, file, mediaType, name) => {
    const response = await upload({ ...file, type: 'application/octet-stream' });
    expect(response.statusCode, response.body).toBe(201);
    const { versions } = await page(response.json().document.id);
    expect(versions).toMatchObject([{ number: 1, mediaType, originalName: name }]);
  });

  it.each([
    ['an ELF program', 'tool.pdf', Buffer.from('7f454c4602010100000000000000000002003e00', 'hex')],
    ['an HTML page', 'pagina.txt', '<!DOCTYPE html><html><script>alert(1)</script></html>'],
    ['an HTML fragment', 'note.txt', '  <script>alert(document.cookie)</script>'],
    ['an SVG image', 'logo.png', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['a plain ZIP archive', 'archivio.docx', zip([['leggimi.txt', 'ciao']])],
    [
      'a macro-enabled Word file',
      'macro.docx',
      zip([
        ['[Content_Types].xml', '<Types/>'],
        ['word/document.xml', '<x/>'],
        ['word/vbaProject.bin', 'code'],
      ]),
    ],
    [
      'a legacy Word file with macros',
      'macro.doc',
      compoundFile([
        ['WordDocument', 'stream'],
        ['Macros', 'storage'],
      ]),
    ],
    [
      'a legacy Excel file with macros',
      'macro.xls',
      compoundFile([
        ['Workbook', 'stream'],
        ['_VBA_PROJECT_CUR', 'storage'],
      ]),
    ],
    ['a compound file of no Office application', 'dati.doc', compoundFile([['Contents', 'stream']])],
    ['a compound file cut after its header', 'rotto.doc', compoundFile([['WordDocument', 'stream']]).subarray(0, 600)],
    ['a compound file whose directory loops', 'giro.doc', loopingDirectory()],
    ['text with a NUL byte', 'note.txt', Buffer.from('testo\u0000binario')],
    ['invalid UTF-8', 'note.txt', Buffer.from([0x63, 0x69, 0x61, 0x6f, 0xc3, 0x28])],
  ])('%s is refused with 415 and leaves nothing behind', async (_label, name, bytes) => {
    const before = await documentCount();
    const response = await upload({ name, bytes, type: 'application/pdf' });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
    expect(await documentCount()).toBe(before);
    expect(await filesUnder(`${folder.dir}/tmp`)).toEqual([]);
  });

  it('an empty file is refused', async () => {
    const response = await upload({ name: 'vuoto.pdf', bytes: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('empty_file');
  });

  it('a file lying about its type is kept as what it is: PNG bytes sent as application/pdf "report.pdf"', async () => {
    const response = await upload({ name: 'report.pdf', bytes: SAMPLES.png(), type: 'application/pdf' });
    expect(response.statusCode).toBe(201);
    const id = response.json().document.id;
    expect((await page(id)).versions[0]).toMatchObject({ mediaType: 'image/png', originalName: 'report.png' });
    const file = await download(id, 1);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="report.png"; filename*=UTF-8''report.png`);
  });
});

describe('size limit', () => {
  it('a file of exactly the limit is accepted; one byte more is 413 and the partial file is removed', async () => {
    const exact = Buffer.concat([SAMPLES.pdf(), Buffer.alloc(LIMIT - SAMPLES.pdf().length, 0x20)]);
    expect((await upload({ name: 'giusto.pdf', bytes: exact })).statusCode).toBe(201);

    const stored = await filesUnder(folder.dir);
    const before = await documentCount();
    const response = await upload({ name: 'troppo.pdf', bytes: Buffer.concat([exact, Buffer.from(' ')]) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
    expect(await documentCount()).toBe(before);
    expect(await filesUnder(folder.dir)).toEqual(stored);
  });

  it('a much bigger file is refused the same way', async () => {
    const response = await upload({
      name: 'enorme.pdf',
      bytes: Buffer.concat([SAMPLES.pdf(), Buffer.alloc(LIMIT * 8)]),
    });
    expect(response.statusCode).toBe(413);
    expect(await filesUnder(`${folder.dir}/tmp`)).toEqual([]);
  });
});

describe('file names', () => {
  it.each([
    ['path components are dropped', '../../etc/passwd', 'passwd.txt'],
    ['Windows paths too', 'C:\\Users\\mario\\relazione.txt', 'relazione.txt'],
    ['characters Windows refuses become _', 'relazione <v2>: bozza?*|.txt', 'relazione _v2__ bozza___.txt'],
    ['quotes arrive escaped by FormData, and stay harmless text', 'il "piano".txt', 'il %22piano%22.txt'],
    ['readable Unicode is kept', 'Relazione è già pronta — 東京.txt', 'Relazione è già pronta — 東京.txt'],
    ['bidi overrides cannot fake an extension', 'fattura\u202Etxt.exe', 'fatturatxt.exe.txt'],
    ['leading dots cannot hide a file', '...env', 'env.txt'],
    ['reserved device names are defused', 'CON.txt', '_CON.txt'],
    ['a name of dots gets a default', '...', 'documento.txt'],
  ])('%s', async (_label, name, expected) => {
    const response = await upload({ name, bytes: 'testo semplice\n' });
    expect(response.statusCode, response.body).toBe(201);
    expect((await page(response.json().document.id)).versions[0].originalName).toBe(expected);
  });

  const rawUpload = async (disposition: string) =>
    ctx.request({
      method: 'POST',
      url: '/api/documents',
      as: author.session,
      ...handBuiltMultipart({ ...VALID_FIELDS, tableId: String(tableId) }, { disposition, bytes: SAMPLES.pdf('raw') }),
    });

  it('quotes, tabs and control characters never reach the name or a header', async () => {
    const response = await rawUpload(`filename*=UTF-8''evil%22%3B%20x%3D%22%07bell%09tab.pdf`);
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().document.id;
    expect((await page(id)).versions[0].originalName).toBe('evil_; x=_bell tab.pdf');
    expect((await download(id, 1)).headers['content-disposition']).toBe(
      `attachment; filename="evil__ x=_bell tab.pdf"; filename*=UTF-8''evil_%3B%20x%3D_bell%20tab.pdf`,
    );
  });

  it('a name with raw CR/LF is not taken for a file at all', async () => {
    const before = await filesUnder(folder.dir);
    const response = await rawUpload(`filename*=UTF-8''evil%0D%0ASet-Cookie%3A%20x%3D1.pdf`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('file_required');
    expect(await filesUnder(folder.dir)).toEqual(before);
  });

  it('a 300-character name is shortened, keeping its extension', async () => {
    const response = await upload({ name: `${'relazione-'.repeat(30)}.pdf`, bytes: SAMPLES.pdf() });
    const name: string = (await page(response.json().document.id)).versions[0].originalName;
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^relazione-relazione-.*\.pdf$/);
  });

  it('a Unicode name downloads with an ASCII fallback and the exact UTF-8 name', async () => {
    const response = await upload({ name: 'Città di Bari – piano.pdf', bytes: SAMPLES.pdf('bari') });
    const file = await download(response.json().document.id, 1);
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Citta di Bari _ piano.pdf"; filename*=UTF-8''Citt%C3%A0%20di%20Bari%20%E2%80%93%20piano.pdf`,
    );
  });
});

describe('versions and downloads', () => {
  it('every version is kept; an old one downloads byte for byte, with safe headers, and is counted', async () => {
    const first = SAMPLES.pdf('prima stesura');
    const second = SAMPLES.pdf('seconda stesura, rivista con i tutor');
    const created = await upload({ name: 'piano.pdf', bytes: first });
    const id = created.json().document.id;
    const added = await newVersion(
      ctx,
      author.session,
      id,
      { name: 'piano-v2.pdf', bytes: second },
      'Rivisto dopo il tavolo',
    );
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().version).toMatchObject({ number: 2, note: 'Rivisto dopo il tavolo', size: second.length });

    const old = await download(id, 1);
    expect(old.statusCode).toBe(200);
    expect(old.rawPayload.equals(first)).toBe(true);
    expect(old.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(first.length),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    expect((await download(id, 2)).rawPayload.equals(second)).toBe(true);
    expect((await download(id, 3)).statusCode).toBe(404);

    const { document, versions } = await page(id);
    expect(document).toMatchObject({ latestVersion: 2, publishedVersion: null, downloadCount: 2 });
    expect(versions.map((v: { number: number; sha256: string }) => v.number)).toEqual([2, 1]);
    expect(versions[1].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('text downloads declare UTF-8, and the same bytes are stored once', async () => {
    const bytes = 'Stesso contenuto, due documenti\n';
    const a = (await upload({ name: 'a.txt', bytes })).json().document.id;
    const before = await filesUnder(`${folder.dir}/sha256`);
    const b = (await upload({ name: 'b.txt', bytes })).json().document.id;
    expect(await filesUnder(`${folder.dir}/sha256`)).toEqual(before);
    expect((await download(a, 1)).headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await download(b, 1)).body).toBe(bytes);
  });

  it('only the author adds versions; others who see the draft are refused, others still do not see it', async () => {
    const id = (await upload({ name: 'piano.pdf', bytes: SAMPLES.pdf() })).json().document.id;
    const moderator = await signedIn(ctx, { role: 'moderator' });
    await ctx.db.insertInto('table_members').values({ table_id: tableId, user_id: moderator.user.id }).execute();
    const file = { name: 'x.pdf', bytes: SAMPLES.pdf('x') };
    expect((await newVersion(ctx, moderator.session, id, file)).statusCode).toBe(403);
    expect((await newVersion(ctx, outsider.session, id, file)).statusCode).toBe(404);
  });
});

describe('malformed and refused requests store nothing', () => {
  const nothingStored = async (before: string[]) => expect(await filesUnder(folder.dir)).toEqual(before);

  it.each([
    ['JSON instead of a form', 415, 'unsupported_media_type', () => ({ payload: { title: 'x' } })],
    ['no file', 400, 'file_required', async () => multipart({ ...VALID_FIELDS, tableId: String(tableId) })],
    [
      'an unknown kind',
      400,
      'invalid_request',
      async () =>
        multipart(
          { ...VALID_FIELDS, kind: 'poem', tableId: String(tableId) },
          { name: 'a.pdf', bytes: SAMPLES.pdf('k') },
        ),
    ],
    [
      'a title given twice',
      400,
      'invalid_request',
      async () =>
        multipart(
          { ...VALID_FIELDS, title: ['Uno titolo', 'Due titolo'], tableId: String(tableId) },
          { name: 'a.pdf', bytes: SAMPLES.pdf('t') },
        ),
    ],
    [
      'a field after the file',
      400,
      'file_must_be_last',
      async () =>
        handBuiltMultipart(
          { ...VALID_FIELDS, tableId: String(tableId) },
          { disposition: 'filename="a.pdf"', bytes: SAMPLES.pdf('late') },
          { tags: 'tardi' },
        ),
    ],
  ])('%s → %i %s', async (_label, status, code, body) => {
    const before = await filesUnder(folder.dir);
    const count = await documentCount();
    const response = await ctx.request({
      method: 'POST',
      url: '/api/documents',
      as: author.session,
      ...(await body()),
    });
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(await documentCount()).toBe(count);
    if (code !== 'file_must_be_last') await nothingStored(before);
  });

  it('a body cut short in the middle of the file is a 400, not a stalled request', async () => {
    const before = await filesUnder(folder.dir);
    const form = await multipart(
      { ...VALID_FIELDS, tableId: String(tableId) },
      { name: 'a.pdf', bytes: Buffer.concat([SAMPLES.pdf('cut'), Buffer.alloc(5_000, 0x41)]) },
    );
    const payload = form.payload.subarray(0, form.payload.length - 3_000);
    const response = await ctx.request({ method: 'POST', url: '/api/documents', as: author.session, ...form, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_multipart');
    await nothingStored(before);
  });

  it('sharing in a table one cannot write in is refused before storing: 403 for an open table, 404 for a lab', async () => {
    const before = await filesUnder(folder.dir);
    const lab = await newTable(ctx, { kind: 'lab' });
    expect((await upload({ name: 'a.pdf', bytes: SAMPLES.pdf('o') }, {}, outsider.session)).statusCode).toBe(403);
    expect(
      (await upload({ name: 'a.pdf', bytes: SAMPLES.pdf('o') }, { tableId: String(lab.id) }, outsider.session))
        .statusCode,
    ).toBe(404);
    const anonymous = await ctx.request({
      method: 'POST',
      url: '/api/documents',
      ...(await multipart({ ...VALID_FIELDS, tableId: String(tableId) }, { name: 'a.pdf', bytes: SAMPLES.pdf('a') })),
    });
    expect(anonymous.statusCode).toBe(401);
    await nothingStored(before);
  });
});

/** `global.gc` when the process has it; otherwise V8's flag turned on for this test process only. */
describe('streaming', () => {
  let big: TestContext;
  let bigFolder: Awaited<ReturnType<typeof uploadFolder>>;
  let origin: string;
  let uploader: { user: { id: number }; session: Session };
  let bigTable: number;

  beforeAll(async () => {
    bigFolder = await uploadFolder();
    big = await createTestContext({ UPLOAD_DIR: bigFolder.dir, POST_MAX_PER_WINDOW: '100000' });
    origin = await big.app.listen({ port: 0, host: '127.0.0.1' });
    uploader = await signedIn(big);
    bigTable = (await newTable(big, { kind: 'regional', members: [uploader.user] })).id;
  });
  afterAll(async () => {
    await big.close();
    await bigFolder.remove();
  });

  const streamedUpload = (size: number) =>
    streamUpload(
      `${origin}/api/documents`,
      { cookie: uploader.session.cookie, origin: big.config.publicOrigin },
      { ...VALID_FIELDS, tableId: String(bigTable) },
      size,
    );

  it('a 20 MB upload does not raise the server’s memory by anything like 20 MB', async () => {
    expect((await streamedUpload(1024 * 1024)).status).toBe(201); // warm up code paths and buffers
    // Socket reads leave 64 KiB buffers behind as garbage, and V8 only collects them after tens of
    // megabytes; collecting while sampling measures what is really held, not what awaits collection.
    const gc = collector();
    gc();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      gc({ type: 'minor' });
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const size = 20 * 1024 * 1024;
    const result = await streamedUpload(size);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    expect(result.status, result.body).toBe(201);
    const id = JSON.parse(result.body).document.id;
    const version = await big.db
      .selectFrom('document_versions')
      .select(['size', 'sha256'])
      .where('document_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(version).toEqual({ size, sha256: result.sha256 });
    expect(peak - baseline).toBeLessThan(10 * 1024 * 1024);
  });
});
