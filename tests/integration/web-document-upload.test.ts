import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import {
  type FilePart,
  filesUnder,
  multipart,
  newDocument,
  SAMPLES,
  transition,
  uploadFolder,
} from '../support/documents.js';
import { newTable, signedIn } from '../support/factories.js';
import { streamUpload } from '../support/uploads.js';
import { browserOf, withFlash } from '../support/web-forms.js';

/**
 * The upload pages: a document shared and a version added through plain multipart forms, and
 * every refusal shown on the form itself. The limit is small (8 KiB) so "too big" is cheap.
 */
const LIMIT = 8192;
let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
let folder: Awaited<ReturnType<typeof uploadFolder>>;
type Person = { user: { id: number }; session: Session };
let author: Person;
let colleague: Person;
let labId: number;
let otherLabId: number;
let openTableId: number;

beforeAll(async () => {
  folder = await uploadFolder();
  ctx = await createTestContext({
    UPLOAD_DIR: folder.dir,
    UPLOAD_MAX_BYTES: String(LIMIT),
    POST_MAX_PER_WINDOW: '1000',
  });
  web = browserOf(ctx);
  [author, colleague] = await Promise.all([signedIn(ctx), signedIn(ctx)]);
  labId = (await newTable(ctx, { name: 'Laboratorio di Matera', kind: 'lab', members: [author.user, colleague.user] }))
    .id;
  otherLabId = (await newTable(ctx, { name: 'Laboratorio di Potenza', kind: 'lab' })).id;
  openTableId = (await newTable(ctx, { name: 'Tavolo regionale Basilicata', kind: 'regional' })).id;
});
afterAll(async () => {
  await ctx.close();
  await folder.remove();
});

const FIELDS = {
  tableId: '',
  kind: 'strategic_plan',
  title: 'Piano strategico di Matera 2030',
  description: 'La bozza discussa in giunta',
  focusArea: 'cultura',
  dimension: 'strategia',
  language: 'it',
  tags: 'cultura, turismo',
};

/** What a browser sends for the form: the fields in page order, then the file (an empty part if none was chosen). */
async function submit(url: string, fields: Record<string, string>, file: FilePart | null, as = author.session) {
  const body = await multipart(fields, file ?? { name: '', bytes: '' });
  return ctx.request({
    method: 'POST',
    url,
    as,
    payload: body.payload,
    headers: { accept: 'text/html,application/xhtml+xml', ...body.headers },
  });
}

const share = (fields: Partial<typeof FIELDS>, file: FilePart | null, as = author.session) =>
  submit('/documenti/nuovo', { ...FIELDS, tableId: String(labId), ...fields }, file, as);

const documentCount = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const pdf = (bytes = SAMPLES.pdf()): FilePart => ({ name: 'piano.pdf', bytes, type: 'application/pdf' });
const tooBig = () => pdf(Buffer.concat([SAMPLES.pdf(), Buffer.alloc(LIMIT, 0x20)]));

describe('the upload page', () => {
  it('is linked from the library and offers only the tables the user may share documents in', async () => {
    expect((await web.page('/documenti', author.session)).body).toContain('href="/documenti/nuovo"');
    const page = await web.page(`/documenti/nuovo?tavolo=${labId}`, author.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<h1[^>]*>Condividi un documento<\/h1>/);
    expect(page.body).toContain('action="/documenti/nuovo" enctype="multipart/form-data"');
    expect(page.body).toContain(`<option value="${labId}" selected>Laboratorio di Matera</option>`);
    expect(page.body).not.toContain(`value="${otherLabId}"`);
    // Readable to everyone, but sharing takes membership.
    expect(page.body).not.toContain(`value="${openTableId}"`);
    expect(page.body).toContain('Al massimo 8 kB.');
    // The file is the last field, so the server reads and checks the others before storing a byte.
    expect(page.body.lastIndexOf('name="file"')).toBeGreaterThan(page.body.lastIndexOf('name="tags"'));
  });

  it('shares a document as a draft and lands on its page, with the version and the new-version form', async () => {
    const before = await documentCount();
    const shared = await share({}, pdf());
    expect(shared.statusCode).toBe(303);
    const location = String(shared.headers.location);
    expect(location).toMatch(/^\/documenti\/\d+$/);
    expect(await documentCount()).toBe(before + 1);
    const id = Number(location.split('/').pop());
    const stored = await ctx.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      table_id: labId,
      kind: 'strategic_plan',
      title: 'Piano strategico di Matera 2030',
      focus_area: 'cultura',
      dimension: 'strategia',
      language: 'it',
      tags: ['cultura', 'turismo'],
      status: 'draft',
    });

    const page = await web.page(location, withFlash(shared, author.session));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Documento caricato come bozza.');
    expect(page.body).toContain('data-version="1"');
    expect(page.body).toContain(`href="/api/documents/${id}/versions/1/file">piano.pdf</a>`);
    expect(page.body).toContain(`action="/documenti/${id}/versioni" enctype="multipart/form-data"`);
  });

  it('re-renders the form with 413 and a readable message for a file over the limit, keeping what was typed', async () => {
    const before = await documentCount();
    const refused = await share({ title: 'Un piano troppo pesante' }, tooBig());
    expect(refused.statusCode).toBe(413);
    expect(refused.body).toContain('Il file è troppo grande');
    expect(refused.body).toContain('value="Un piano troppo pesante"');
    expect(refused.body).toContain('sceglilo di nuovo');
    expect(refused.body).toMatch(/id="upload-file"[^>]*aria-invalid="true"/);
    expect(await documentCount()).toBe(before);
    expect(await filesUnder(`${folder.dir}/tmp`)).toEqual([]);
  });

  it('re-renders the form with 415 for a type that is not accepted, in the reader’s language', async () => {
    const page = { name: 'pagina.html', bytes: '<html><script>alert(1)</script></html>', type: 'text/html' };
    const refused = await share({}, page);
    expect(refused.statusCode).toBe(415);
    expect(refused.body).toContain('Questo tipo di file non è accettato.');
    expect(refused.body).toContain('id="upload-error"');

    const english = await signedIn(ctx);
    await ctx.request({
      method: 'PATCH',
      url: '/api/me/preferences',
      as: english.session,
      payload: { locale: 'en' },
    });
    const member = await newTable(ctx, { kind: 'lab', members: [english.user] });
    const binary = { name: 'programma.exe', bytes: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]) };
    const inEnglish = await share({ tableId: String(member.id) }, binary, english.session);
    expect(inEnglish.statusCode).toBe(415);
    expect(inEnglish.body).toContain('This type of file is not accepted.');
  });

  it('asks for the missing fields, marking each, and stores nothing', async () => {
    const before = await documentCount();
    const refused = await share({ title: '', kind: '' }, null);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Compila tutti i campi obbligatori.');
    for (const id of ['upload-title', 'upload-kind', 'upload-file']) {
      expect(refused.body).toMatch(new RegExp(`id="${id}"[^>]*aria-invalid="true"`));
    }
    expect(refused.body).not.toMatch(/id="upload-area"[^>]*aria-invalid/);
    expect(await documentCount()).toBe(before);
  });

  it('refuses a table the user may not share in: 403 for an open table, 404 for a lab they are not in', async () => {
    const before = await documentCount();
    const open = await share({ tableId: String(openTableId) }, pdf());
    expect(open.statusCode).toBe(403);
    expect(open.body).toContain('Non hai i permessi per questa operazione.');
    expect(open.body).toMatch(/id="upload-table"[^>]*aria-invalid="true"/);
    const lab = await share({ tableId: String(otherLabId) }, pdf());
    expect(lab.statusCode).toBe(404);
    expect(lab.body).toContain('action="/documenti/nuovo"');
    expect(lab.body).not.toContain('Laboratorio di Potenza');
    expect(await documentCount()).toBe(before);
  });

  it('refuses a form posted from another site', async () => {
    const body = await multipart({ ...FIELDS, tableId: String(labId) }, pdf());
    const forged = await ctx.request({
      method: 'POST',
      url: '/documenti/nuovo',
      as: author.session,
      payload: body.payload,
      headers: { ...body.headers, accept: 'text/html', origin: 'https://evil.example' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('La richiesta non proviene dalle pagine del forum');
  });

  it('answers a client still sending a too-big file with the form, over a real connection', async () => {
    const origin = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const answer = await streamUpload(
      `${origin}/documenti/nuovo`,
      { cookie: author.session.cookie, origin: ctx.config.publicOrigin },
      { ...FIELDS, tableId: String(labId) },
      4 * 1024 * 1024,
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('Il file è troppo grande');
  });
});

describe('a new version from the document page', () => {
  it('is added by the author with a note, and refused with a message when too big or missing', async () => {
    const document = await newDocument(ctx, author.session, { tableId: String(labId) });
    const added = await submit(`/documenti/${document.id}/versioni`, { note: 'Aggiornati i costi' }, pdf());
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`/documenti/${document.id}`);
    const page = await web.page(`/documenti/${document.id}`, withFlash(added, author.session));
    expect(page.body).toContain('Versione 2 caricata.');
    expect(page.body).toContain('data-version="2"');
    expect(page.body).toContain('<td>Aggiornati i costi</td>');

    const big = await submit(`/documenti/${document.id}/versioni`, { note: 'Con gli allegati' }, tooBig());
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('Il file è troppo grande');
    expect(big.body).toContain('>Con gli allegati</textarea>');
    expect(big.body).toMatch(/id="new-version-file"[^>]*aria-invalid="true"/);
    const none = await submit(`/documenti/${document.id}/versioni`, { note: '' }, null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Compila tutti i campi obbligatori.');
    expect(page.body).not.toContain('data-version="3"');
  });

  it('is offered only to the author; anyone else posting one gets the error page', async () => {
    const moderator = await signedIn(ctx, { role: 'moderator' });
    const outsider = await signedIn(ctx);
    const table = await newTable(ctx, { kind: 'lab', members: [author.user, colleague.user, moderator.user] });
    const document = await newDocument(ctx, author.session, { tableId: String(table.id) });
    expect((await transition(ctx, author.session, document.id, 'submitted')).statusCode).toBe(200);
    expect((await transition(ctx, moderator.session, document.id, 'published')).statusCode).toBe(200);

    const seen = await web.page(`/documenti/${document.id}`, colleague.session);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain(`action="/documenti/${document.id}/versioni"`);
    const refused = await submit(`/documenti/${document.id}/versioni`, { note: '' }, pdf(), colleague.session);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toMatch(/<h1[^>]*>Accesso negato<\/h1>/);
    const unseen = await submit(`/documenti/${document.id}/versioni`, { note: '' }, pdf(), outsider.session);
    expect(unseen.statusCode).toBe(404);
    expect(unseen.body).toMatch(/<h1[^>]*>Pagina non trovata<\/h1>/);
  });
});
