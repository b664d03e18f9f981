import { execFileSync, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { personalDataStorages, removeFinishedDataExports, systemClock } from '@hubspoke/domain';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { type FilePart, filesUnder, multipart, newDocument, SAMPLES, uploadFolder } from '../support/documents.js';
import { newEnte, newReply, newTable, newThread, newUser, signedIn, signIn } from '../support/factories.js';
import { TestSmtp } from '../support/smtp.js';
import { browserOf } from '../support/web-forms.js';
import { type ReadEntry, readZip, zipJson } from '../support/zip-reader.js';

/**
 * `GET /api/me/export`: a ZIP of everything held about the person, with nobody else's data in
 * it; at once for a small account, through the worker and a one-time mailed link for a large
 * one (the threshold is low here: 20,000 bytes of files and post texts).
 */
const INLINE_MAX = 20_000;
let ctx: TestContext;
let smtp: TestSmtp;
let worker: RunningWorker;
let uploads: Awaited<ReturnType<typeof uploadFolder>>;
let web: ReturnType<typeof browserOf>;
let admin: Person;
type Person = Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  smtp = new TestSmtp();
  uploads = await uploadFolder();
  ctx = await createTestContext({
    SMTP_URL: await smtp.start(),
    NOTIFY_EMAIL_DELAY_SECONDS: '0',
    UPLOAD_DIR: uploads.dir,
    EXPORT_INLINE_MAX_BYTES: String(INLINE_MAX),
    POST_MAX_PER_WINDOW: '10000',
  });
  web = browserOf(ctx);
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
  admin = await signedIn(ctx, { role: 'admin' });
});
afterAll(async () => {
  await worker?.close();
  await ctx?.close();
  await smtp?.stop();
  await uploads?.remove();
});

const exportOf = (as?: Session) => ctx.request({ method: 'GET', url: '/api/me/export', ...(as ? { as } : {}) });
const link = (token: string, as?: Session) =>
  ctx.request({ method: 'GET', url: `/api/me/export/${token}`, ...(as ? { as } : {}) });
const unzipped = (response: { rawPayload: Buffer }) => readZip(response.rawPayload);
/** Every entry's bytes as text, to look for what must not be there. */
const allText = (entries: Map<string, ReadEntry>) =>
  [...entries.values()].map((e) => e.data.toString('latin1')).join('\n');
const pdf = (text: string): FilePart => ({ name: 'piano.pdf', bytes: SAMPLES.pdf(text) });
/** The one-time link's token, from the mail the person received. */
async function mailedToken(email: string): Promise<string> {
  await expect.poll(() => smtp.to(email).length, { timeout: 15_000 }).toBe(1);
  const mail = smtp.to(email)[0]?.parsed;
  const token = /\/profilo\/dati\/([a-z0-9]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no link in the mail: ${mail?.text}`);
  return token;
}
const exportFiles = () => filesUnder(join(uploads.dir, 'exports', 'sha256'));

/** Waits for `check` to hold (hooks cannot use expect.poll). */
async function until(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let privacyVersion = 0;
async function publishPrivacy() {
  if (privacyVersion) return privacyVersion;
  const response = await ctx.request({
    method: 'POST',
    url: '/api/admin/consents/privacy/versions',
    as: admin.session,
    payload: { textIt: 'Informativa sulla privacy.', textEn: 'Privacy notice.' },
  });
  expect(response.statusCode).toBe(201);
  privacyVersion = response.json().version;
  return privacyVersion;
}
/** A person for the pages: the privacy notice published above would otherwise be asked first. */
async function pagesPerson(attrs: Parameters<typeof signedIn>[1]) {
  const person = await signedIn(ctx, attrs);
  const version = await publishPrivacy();
  const accepted = await ctx.request({
    method: 'POST',
    url: '/api/consents/privacy/accept',
    as: person.session,
    payload: { version },
  });
  expect(accepted.statusCode).toBe(201);
  return person;
}

describe('a small account’s export, answered at once', () => {
  let me: Person;
  let other: Person;
  let response: Awaited<ReturnType<typeof exportOf>>;
  let entries: Map<string, ReadEntry>;
  let myDocument: { id: number; threadId: number };
  let otherDocument: { id: number };
  let editedPostId: number;
  let threadId: number;
  const myFirstPdf = pdf('la mia prima versione');
  const mySecondPdf: FilePart = { name: 'piano rivisto.pdf', bytes: SAMPLES.pdf('la mia seconda versione') };
  const theirPdf = pdf('SEGRETO-ALTRUI documento di un’altra persona');
  const myCvFile: FilePart = { name: 'curriculum.pdf', bytes: SAMPLES.pdf('il mio curriculum') };

  beforeAll(async () => {
    const ente = await newEnte(ctx, { name: 'Comune di Matera' });
    const user = await newUser(ctx, {
      displayName: 'Giulia Esporta',
      email: 'giulia@matera.example.it',
      enteId: ente.id,
    });
    me = { user, session: await signIn(ctx, user) };
    other = await signedIn(ctx, { displayName: 'Altro Partecipante', email: 'altro@bari.example.it' });
    const table = await newTable(ctx, { kind: 'regional', name: 'Tavolo Basilicata', members: [me.user, other.user] });

    const started = await newThread(ctx, me.session, {
      tableId: table.id,
      title: 'Bando cultura 2027',
      body: 'Il mio primo testo, poi corretto.',
    });
    threadId = started.thread.id;
    editedPostId = started.post.id;
    const edited = await ctx.request({
      method: 'PATCH',
      url: `/api/posts/${editedPostId}`,
      as: me.session,
      payload: { body: 'Il mio testo corretto.' },
    });
    expect(edited.statusCode).toBe(200);
    await newReply(ctx, me.session, threadId, 'Una mia risposta.');
    // Someone else writes in the same thread, mentions me, and keeps a document of their own.
    await newReply(ctx, other.session, threadId, `SEGRETO-ALTRUI risposta di un altro, @${me.user.handle}`);
    const theirs = await newThread(ctx, other.session, { tableId: table.id, title: 'SEGRETO-ALTRUI titolo' });
    await newReply(ctx, other.session, theirs.thread.id, 'SEGRETO-ALTRUI ancora');
    otherDocument = await newDocument(
      ctx,
      other.session,
      { tableId: String(table.id), title: 'Documento altrui' },
      theirPdf,
    );

    myDocument = await newDocument(
      ctx,
      me.session,
      { tableId: String(table.id), title: 'Piano di Matera' },
      myFirstPdf,
    );
    const second = await ctx.request({
      method: 'POST',
      url: `/api/documents/${myDocument.id}/versions`,
      as: me.session,
      ...(await multipart({ note: 'rivisto' }, mySecondPdf)),
    });
    expect(second.statusCode).toBe(201);

    expect(
      (await ctx.request({ method: 'PUT', url: `/api/threads/${threadId}/bookmark`, as: me.session })).statusCode,
    ).toBe(204);
    const version = await publishPrivacy();
    const accepted = await ctx.request({
      method: 'POST',
      url: '/api/consents/privacy/accept',
      as: me.session,
      payload: { version },
    });
    expect(accepted.statusCode).toBe(201);
    const cv = await ctx.request({
      method: 'PUT',
      url: '/api/me/cv',
      as: me.session,
      payload: { headline: 'Funzionaria cultura', summary: 'Progetti europei.' },
    });
    expect(cv.statusCode).toBe(200);
    const cvFile = await ctx.request({
      method: 'PUT',
      url: '/api/me/cv/file',
      as: me.session,
      ...(await multipart({}, myCvFile)),
    });
    expect(cvFile.statusCode).toBe(200);
    // The mention reaches me through the worker.
    await until(
      async () =>
        (await ctx.request({ method: 'GET', url: '/api/notifications', as: me.session })).json().items.length > 0,
    );

    response = await exportOf(me.session);
    entries = unzipped(response);
  });

  it('is a ZIP attachment named after the person, holding every file the README lists', () => {
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="hubspoke-dati-${me.user.id}.zip"`);
    expect(response.headers['cache-control']).toBe('no-store');
    expect([...entries.keys()].sort()).toEqual(
      [
        'LEGGIMI.txt',
        'account.json',
        'activity.json',
        'bookmarks.json',
        'consents.json',
        'cv.json',
        'documents.json',
        'notifications.json',
        'posts.json',
        'surveys.json',
        'messages.json',
        'programme.json',
        `documents/${myDocument.id}-v1-piano.pdf`,
        `documents/${myDocument.id}-v2-piano rivisto.pdf`,
        'cv/curriculum.pdf',
      ].sort(),
    );
    const readme = entries.get('LEGGIMI.txt')?.data.toString('utf8') ?? '';
    for (const name of [
      'account.json',
      'consents.json',
      'posts.json',
      'documents/',
      'cv.json',
      'surveys.json',
      'messages.json',
      'programme.json',
    ])
      expect(readme).toContain(name);
    expect(readme).toContain('ITALIANO');
    expect(readme).toContain('ENGLISH');
  });

  it('holds the account with its ente and preferences', () => {
    expect(zipJson(entries, 'account.json')).toMatchObject({
      id: me.user.id,
      email: 'giulia@matera.example.it',
      name: 'Giulia Esporta',
      handle: me.user.handle,
      role: 'participant',
      ente: { name: 'Comune di Matera' },
      locale: 'it',
      createdAt: me.user.created_at.toISOString(),
      preferences: { digest: 'weekly', emailOn: { mentions: 'immediately' } },
      tables: [{ name: 'Tavolo Basilicata', kind: 'regional' }],
    });
  });

  it('holds every consent record, with the hash of the text shown and the IP', async () => {
    const [record] = await ctx.db.selectFrom('consent_records').selectAll().where('user_id', '=', me.user.id).execute();
    expect(zipJson(entries, 'consents.json')).toEqual([
      {
        kind: 'privacy',
        version: privacyVersion,
        action: 'accept',
        sha256: record?.text_sha256,
        ip: '127.0.0.1',
        at: record?.created_at.toISOString(),
      },
    ]);
  });

  it('holds my posts with their thread’s title and earlier versions, and nobody else’s', () => {
    const all = zipJson(entries, 'posts.json') as Array<Record<string, unknown>>;
    // Uploading the document opened its discussion with a post of mine.
    expect(all.map((p) => p.threadId)).toEqual([threadId, threadId, myDocument.threadId]);
    const posts = all.filter((p) => p.threadId === threadId);
    expect(posts[0]).toMatchObject({
      id: editedPostId,
      threadId,
      threadTitle: 'Bando cultura 2027',
      number: 1,
      body: 'Il mio testo corretto.',
      revisions: [{ body: 'Il mio primo testo, poi corretto.', editedByYou: true }],
    });
    expect(posts[1]).toMatchObject({ threadTitle: 'Bando cultura 2027', body: 'Una mia risposta.', revisions: [] });
    expect(allText(entries)).not.toContain('SEGRETO-ALTRUI');
  });

  it('holds bookmarks, notifications and the CV', () => {
    expect(zipJson(entries, 'bookmarks.json')).toMatchObject([{ threadId, threadTitle: 'Bando cultura 2027' }]);
    const notifications = zipJson(entries, 'notifications.json') as Array<Record<string, unknown>>;
    expect(notifications.map((n) => n.kind)).toContain('mention');
    expect(zipJson(entries, 'cv.json')).toMatchObject({
      headline: 'Funzionaria cultura',
      summary: 'Progetti europei.',
      fileName: 'curriculum.pdf',
      file: 'cv/curriculum.pdf',
    });
    expect(entries.get('cv/curriculum.pdf')?.data.equals(Buffer.from(myCvFile.bytes))).toBe(true);
    expect(zipJson(entries, 'surveys.json')).toEqual({ responses: [], saves: [] });
  });

  it('holds my documents and the original bytes of each version I uploaded, not another person’s', () => {
    const documents = zipJson(entries, 'documents.json') as Array<Record<string, unknown>>;
    expect(documents.map((d) => d.id)).toEqual([myDocument.id]);
    expect(documents[0]).toMatchObject({
      title: 'Piano di Matera',
      youAreTheAuthor: true,
      versionsYouUploaded: [
        { number: 1, name: 'piano.pdf', file: `documents/${myDocument.id}-v1-piano.pdf` },
        { number: 2, name: 'piano rivisto.pdf', note: 'rivisto' },
      ],
    });
    expect(entries.get(`documents/${myDocument.id}-v1-piano.pdf`)?.data.equals(Buffer.from(myFirstPdf.bytes))).toBe(
      true,
    );
    expect(
      entries.get(`documents/${myDocument.id}-v2-piano rivisto.pdf`)?.data.equals(Buffer.from(mySecondPdf.bytes)),
    ).toBe(true);
    expect(documents.map((d) => d.id)).not.toContain(otherDocument.id);
    expect(JSON.stringify(documents)).not.toContain('Documento altrui');
  });

  it.skipIf(spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status !== 0)('passes `unzip -t`', async () => {
    const path = join(uploads.dir, 'export-test.zip');
    await writeFile(path, response.rawPayload);
    expect(execFileSync('unzip', ['-t', path], { encoding: 'utf8' })).toContain('No errors detected');
  });

  it('is refused to anonymous callers', async () => {
    const anonymous = await exportOf();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');
    expect((await link('abc')).statusCode).toBe(401);
  });

  it('is allowed once an hour per person: the next ask gets 429 with Retry-After', async () => {
    const again = await exportOf(me.session);
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('rate_limited');
    const wait = Number(again.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3600);
    // Someone else is not held back by my limit.
    expect((await exportOf(other.session)).statusCode).toBe(200);
  });
});

describe('questionnaire answers', () => {
  it('are in surveys.json: my own responses and each save I made, not other people’s', async (test) => {
    const { rows } = await sql<{ present: boolean }>`
      select to_regclass('public.survey_responses') is not null as present`.execute(ctx.db);
    // The questionnaires' tables come with their feature; until they exist there is nothing to export.
    if (!rows[0]?.present) test.skip();
    const me = await signedIn(ctx);
    const other = await signedIn(ctx);
    const survey = await sql<{ id: number }>`
      insert into surveys (title, questions, respondent)
      values ('Criticità 2027', '[]'::jsonb, 'person') returning id`.execute(ctx.db);
    const surveyId = survey.rows[0]?.id;
    for (const [person, answer] of [
      [me, 'la mia risposta'],
      [other, 'SEGRETO-ALTRUI risposta'],
    ] as const) {
      const response = await sql<{ id: number }>`
        insert into survey_responses (survey_id, user_id, answers, submitted_at, updated_by)
        values (${surveyId}, ${person.user.id}, ${JSON.stringify({ q1: answer })}::jsonb, now(), ${person.user.id})
        returning id`.execute(ctx.db);
      await sql`insert into survey_response_changes (response_id, answers, submitted, changed_by)
        values (${response.rows[0]?.id}, ${JSON.stringify({ q1: answer })}::jsonb, true, ${person.user.id})`.execute(
        ctx.db,
      );
    }
    const exported = await exportOf(me.session);
    expect(exported.statusCode).toBe(200);
    const entries = unzipped(exported);
    expect(zipJson(entries, 'surveys.json')).toMatchObject({
      responses: [{ surveyId, surveyTitle: 'Criticità 2027', answers: { q1: 'la mia risposta' } }],
      saves: [{ surveyId, surveyTitle: 'Criticità 2027', forEnte: null, answers: { q1: 'la mia risposta' } }],
    });
    expect(allText(entries)).not.toContain('SEGRETO-ALTRUI');
  });
});

describe('private messages and the programme', () => {
  it('are in messages.json and programme.json: what I wrote, never what others wrote to me', async () => {
    const me = await signedIn(ctx);
    const other = await signedIn(ctx);
    const started = await ctx.request({
      method: 'POST',
      url: '/api/conversations',
      as: me.session,
      payload: { userIds: [other.user.id], title: 'Accordo con Sfax', body: 'Il mio messaggio privato' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().conversationId;
    await ctx.request({
      method: 'POST',
      url: `/api/conversations/${id}/messages`,
      as: other.session,
      payload: { body: 'SEGRETO-ALTRUI in privato' },
    });
    const entries = unzipped(await exportOf(me.session));
    expect(zipJson(entries, 'messages.json')).toMatchObject({
      privateMessages: [
        { conversationId: id, conversationTitle: 'Accordo con Sfax', body: 'Il mio messaggio privato' },
      ],
      drafts: [],
      postUploads: [],
    });
    expect(zipJson(entries, 'programme.json')).toEqual({
      experiences: [],
      stakeholders: [],
      sessionsAttended: [],
      signInIdentities: [],
    });
    expect(allText(entries)).not.toContain('SEGRETO-ALTRUI');
  });
});

describe('a large account’s export, built by the worker and mailed as a one-time link', () => {
  it('answers 202, mails a link that downloads the archive once for its owner, then 410', async () => {
    const big = pdf(`grande ${'x'.repeat(INLINE_MAX)}`);
    const owner = await pagesPerson({ email: 'grande@lecce.example.it', displayName: 'Persona Grande' });
    const stranger = await signedIn(ctx);
    const table = await newTable(ctx, { kind: 'regional', members: [owner.user, stranger.user] });
    const document = await newDocument(ctx, owner.session, { tableId: String(table.id) }, big);
    await newDocument(ctx, stranger.session, { tableId: String(table.id) }, theirs());

    const asked = await exportOf(owner.session);
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ status: 'preparing' });
    const token = await mailedToken('grande@lecce.example.it');
    const mail = smtp.to('grande@lecce.example.it')[0]?.parsed;
    expect(mail?.subject).toBe('L’archivio con i tuoi dati è pronto');
    expect(mail?.text).toContain(`http://forum.test/profilo/dati/${token}`);
    expect(mail?.text).toMatch(/Il link vale fino al/);
    const [row] = await ctx.db.selectFrom('data_exports').selectAll().where('user_id', '=', owner.user.id).execute();
    expect(row?.token_hash).not.toContain(token);
    expect(row?.expires_at?.getTime()).toBeGreaterThan(Date.now() + 23.9 * 3_600_000);
    expect(row?.expires_at?.getTime()).toBeLessThanOrEqual(Date.now() + 24 * 3_600_000);
    expect(await exportFiles()).toHaveLength(1);

    // Only its owner, signed in, may use it; a stranger's attempt does not spend it.
    expect((await link(token)).statusCode).toBe(401);
    const strangers = await link(token, stranger.session);
    expect(strangers.statusCode).toBe(404);
    expect(strangers.json().error.code).toBe('export_not_found');

    const first = await link(token, owner.session);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/zip');
    expect(first.headers['content-disposition']).toBe(`attachment; filename="hubspoke-dati-${owner.user.id}.zip"`);
    expect(Number(first.headers['content-length'])).toBe(first.rawPayload.length);
    const entries = unzipped(first);
    expect(zipJson(entries, 'account.json')).toMatchObject({ id: owner.user.id, email: 'grande@lecce.example.it' });
    expect(
      entries.get(`documents/${document.id}-v1-piano.pdf`)?.data.equals(Buffer.from(big.bytes)),
      [...entries.keys()].join(', '),
    ).toBe(true);
    expect(allText(entries)).not.toContain('SEGRETO-ALTRUI');

    const second = await link(token, owner.session);
    expect(second.statusCode).toBe(410);
    expect(second.json().error.code).toBe('export_link_used');
    // Used, the archive leaves storage.
    await expect.poll(exportFiles, { timeout: 5_000 }).toEqual([]);
    const page = await web.page(`/profilo/dati/${token}`, owner.session);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Questo link è già stato usato');
  });

  it('answers 410 once the 24 hours are over, and the clean-up removes the archive', async () => {
    const owner = await signedIn(ctx, { email: 'tardi@taranto.example.it' });
    const table = await newTable(ctx, { kind: 'regional', members: [owner.user] });
    await newDocument(ctx, owner.session, { tableId: String(table.id) }, pdf(`tardi ${'y'.repeat(INLINE_MAX)}`));
    expect((await exportOf(owner.session)).statusCode).toBe(202);
    const token = await mailedToken('tardi@taranto.example.it');
    await sql`update data_exports set expires_at = now() - interval '1 second' where user_id = ${owner.user.id}`.execute(
      ctx.db,
    );
    const late = await link(token, owner.session);
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('export_link_expired');

    expect(await exportFiles()).toHaveLength(1);
    const deps = { db: ctx.db, clock: systemClock, ...personalDataStorages(ctx.config) };
    expect(await removeFinishedDataExports(deps)).toBe(1);
    expect(await exportFiles()).toEqual([]);
    const [row] = await ctx.db.selectFrom('data_exports').selectAll().where('user_id', '=', owner.user.id).execute();
    expect(row).toMatchObject({ storage_key: null, used_at: null });
    expect(await removeFinishedDataExports(deps)).toBe(0);
    // Still 410 afterwards, not a missing file.
    expect((await link(token, owner.session)).statusCode).toBe(410);
  });
});

describe('an erased account’s export', () => {
  it('leaves storage at the next clean-up, unused and unexpired as it is', async () => {
    const owner = await signedIn(ctx, { email: 'cancellata@brindisi.example.it' });
    const table = await newTable(ctx, { kind: 'regional', members: [owner.user] });
    await newDocument(ctx, owner.session, { tableId: String(table.id) }, pdf(`via ${'w'.repeat(INLINE_MAX)}`));
    expect((await exportOf(owner.session)).statusCode).toBe(202);
    await mailedToken('cancellata@brindisi.example.it');
    const [built] = await ctx.db.selectFrom('data_exports').selectAll().where('user_id', '=', owner.user.id).execute();
    const erased = await ctx.request({
      method: 'DELETE',
      url: '/api/me',
      as: owner.session,
      payload: { password: owner.user.password },
    });
    expect(erased.statusCode).toBe(202);
    const files = await exportFiles();
    expect(files.some((f) => f.endsWith(built?.storage_key ?? '?'))).toBe(true);
    await removeFinishedDataExports({ db: ctx.db, clock: systemClock, ...personalDataStorages(ctx.config) });
    expect((await exportFiles()).some((f) => f.endsWith(built?.storage_key ?? '?'))).toBe(false);
  });
});

describe('the pages', () => {
  it('show “I tuoi dati” on the profile, download a small export from its form, and bring a signed-out link back after sign-in', async () => {
    const me = await pagesPerson({ email: 'pagine@potenza.example.it' });
    const profile = await web.page('/profilo', me.session);
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('I tuoi dati');
    expect(profile.body).toContain('href="/profilo/dati"');
    const page = await web.page('/profilo/dati', me.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/profilo/dati"');

    const download = await web.post('/profilo/dati', {}, me.session);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(zipJson(unzipped(download), 'account.json')).toMatchObject({ id: me.user.id });
    const again = await web.post('/profilo/dati', {}, me.session);
    expect(again.statusCode).toBe(429);
    expect(again.body).toContain('Troppi tentativi');

    const signedOut = await web.page('/profilo/dati/qualcosa');
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe(`/accedi?next=${encodeURIComponent('/profilo/dati/qualcosa')}`);
    const unknown = await web.page('/profilo/dati/qualcosa', me.session);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('non è valido per il tuo account');
  });

  it('say a large export is on its way, and its mailed link downloads it from the page', async () => {
    const me = await pagesPerson({ email: 'grande-pagine@potenza.example.it' });
    const table = await newTable(ctx, { kind: 'regional', members: [me.user] });
    await newDocument(ctx, me.session, { tableId: String(table.id) }, pdf(`pagine ${'z'.repeat(INLINE_MAX)}`));
    const asked = await web.post('/profilo/dati', {}, me.session);
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/profilo/dati');
    const flash = asked.cookies.find((c) => c.name === 'hs_flash');
    const shown = await web.page('/profilo/dati', { cookie: `${me.session.cookie}; hs_flash=${flash?.value}` });
    expect(shown.body).toContain('Stiamo preparando l’archivio con i tuoi dati');
    const token = await mailedToken('grande-pagine@potenza.example.it');
    const download = await web.page(`/profilo/dati/${token}`, me.session);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(zipJson(unzipped(download), 'account.json')).toMatchObject({ id: me.user.id });
  });
});

function theirs(): FilePart {
  return pdf('SEGRETO-ALTRUI file di un altro');
}
