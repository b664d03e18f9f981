import { createHash } from 'node:crypto';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, newThread, signedIn } from '../support/factories.js';
import { TestSmtp } from '../support/smtp.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let smtp: TestSmtp;
let worker: RunningWorker;
let web: ReturnType<typeof browserOf>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let tableId: number;

beforeAll(async () => {
  smtp = new TestSmtp();
  ctx = await createTestContext({ SMTP_URL: await smtp.start(), POST_MAX_PER_WINDOW: '10000' });
  web = browserOf(ctx);
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
  admin = await signedIn(ctx, { role: 'admin', email: 'admin@programma.example.it' });
  tableId = (await newTable(ctx, { kind: 'regional', visibility: 'participants', members: [admin.user] })).id;
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await smtp.stop();
});

/** A new person who is a member of the test's table, so only the Patto can stop them writing. */
async function member(attrs: Parameters<typeof signedIn>[1] = {}) {
  const person = await signedIn(ctx, attrs);
  await ctx.db.insertInto('table_members').values({ table_id: tableId, user_id: person.user.id }).execute();
  return person;
}

const consents = async (as: Session) => (await ctx.request({ method: 'GET', url: '/api/consents', as })).json().items;
const consent = async (as: Session, kind: string) =>
  (await consents(as)).find((c: { kind: string }) => c.kind === kind);
const publish = (kind: string, payload: object, as: Session = admin.session) =>
  ctx.request({ method: 'POST', url: `/api/admin/consents/${kind}/versions`, as, payload });
const accept = (as: Session, kind: string, version: number) =>
  ctx.request({ method: 'POST', url: `/api/consents/${kind}/accept`, as, payload: { version } });
const revoke = (as: Session, kind: string) => ctx.request({ method: 'POST', url: `/api/consents/${kind}/revoke`, as });
const startThread = (as: Session) =>
  ctx.request({
    method: 'POST',
    url: '/api/threads',
    as,
    payload: {
      tableId,
      focusArea: 'cultura',
      kind: 'discussion',
      title: 'Un incontro sul patrimonio',
      body: 'Proposta di calendario.',
    },
  });
const records = (userId: number) =>
  ctx.db.selectFrom('consent_records').selectAll().where('user_id', '=', userId).orderBy('id').execute();

const firstPostId = async (threadId: number) =>
  (
    await ctx.db
      .selectFrom('posts')
      .select('id')
      .where('thread_id', '=', threadId)
      .where('number', '=', 1)
      .executeTakeFirstOrThrow()
  ).id;

describe('with no Patto published', () => {
  it('gates nothing, and lists each kind without a version', async () => {
    const participant = await member();
    expect((await startThread(participant.session)).statusCode).toBe(201);
    const items = await consents(participant.session);
    expect(items.map((c: { kind: string }) => c.kind)).toEqual(['patto', 'liberatoria', 'privacy']);
    expect(items.every((c: { version: null; pending: boolean }) => c.version === null && !c.pending)).toBe(true);
    expect((await web.page('/', participant.session)).statusCode).toBe(200);
  });
});

describe('publishing a version', () => {
  it('is for admins, with both texts, of a known kind; the Markdown is sanitized', async () => {
    const participant = await member();
    const texts = { textIt: 'Mi impegno a seguire il percorso.', textEn: 'I commit to the path.' };
    expect((await publish('patto', texts, participant.session)).json().error.code).toBe('forbidden');
    const unknown = await publish('contratto', texts);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'consent_kind_not_found']);
    const empty = await publish('privacy', { textIt: '   ', textEn: 'x' });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'empty_text']);
    expect((await publish('privacy', { textIt: 'solo italiano' })).statusCode).toBe(400);

    const published = await publish('privacy', {
      textIt: '**Informativa** <script>alert(1)</script><img src=x onerror=alert(1)>',
      textEn: 'Privacy *notice*',
    });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ kind: 'privacy', version: 1, mailed: 0 });
    const shown = await consent(participant.session, 'privacy');
    expect(shown.textHtml).toContain('<strong>Informativa</strong>');
    expect(shown.textHtml).not.toMatch(/<script|<img[^>]*onerror/);
    expect(shown).toMatchObject({ version: 1, pending: true, acceptedVersion: null });
  });
});

describe('the Patto', () => {
  it('is needed to write, once published; staff are not asked; accepting records the text shown', async () => {
    const participant = await member({ email: 'giulia@comune.example.it' });
    const tutor = await member({ role: 'tutor', email: 'tutor@programma.example.it' });
    const { version } = (
      await publish('patto', { textIt: 'Il Patto, versione uno.', textEn: 'The Patto, one.' })
    ).json();
    expect(version).toBe(1);

    const refused = await startThread(participant.session);
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'patto_required']);
    expect((await startThread(tutor.session)).statusCode).toBe(201);

    const stale = await accept(participant.session, 'patto', 2);
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'consent_version_stale']);
    const unknown = await accept(participant.session, 'contratto', 1);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'consent_kind_not_found']);
    expect((await accept(participant.session, 'patto', 0)).statusCode).toBe(400);

    const accepted = await accept(participant.session, 'patto', 1);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().consent).toMatchObject({ kind: 'patto', acceptedVersion: 1, pending: false });
    expect((await accept(participant.session, 'patto', 1)).statusCode).toBe(201);
    const [record, ...more] = await records(participant.user.id);
    expect(more).toEqual([]);
    const html = (await consent(participant.session, 'patto')).textHtml;
    expect(record).toMatchObject({ kind: 'patto', version: 1, action: 'accept', ip: '127.0.0.1' });
    expect(record?.text_sha256).toBe(createHash('sha256').update(html).digest('hex'));
    expect((await startThread(participant.session)).statusCode).toBe(201);
  });

  it('asks everyone again when a new version comes, by mail to each participant once', async () => {
    const participant = await member({ email: 'marco@provincia.example.it' });
    const current = (await consent(participant.session, 'patto')).version;
    expect((await accept(participant.session, 'patto', current)).statusCode).toBe(201);
    expect((await startThread(participant.session)).statusCode).toBe(201);

    const next = (await publish('patto', { textIt: 'Il Patto, aggiornato.', textEn: 'The Patto, updated.' })).json();
    expect(next.version).toBe(current + 1);
    expect(next.mailed).toBeGreaterThan(0);
    expect((await startThread(participant.session)).json().error.code).toBe('patto_required');
    expect(await consent(participant.session, 'patto')).toMatchObject({ acceptedVersion: current, pending: true });

    await expect
      .poll(() => smtp.to('marco@provincia.example.it').map((m) => m.parsed.subject), { timeout: 10_000 })
      .toEqual(['È disponibile una nuova versione del Patto']);
    expect(smtp.to('marco@provincia.example.it')[0]?.parsed.text).toContain('http://forum.test/consensi/patto');
    // A sentinel: the last mail queued went out, so the staff's would have too.
    await expect.poll(() => smtp.to('giulia@comune.example.it').length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(smtp.to('tutor@programma.example.it')).toEqual([]);
    expect(smtp.to('admin@programma.example.it')).toEqual([]);
  });

  it('cannot be withdrawn by a participant', async () => {
    const participant = await member();
    const { version } = await consent(participant.session, 'patto');
    await accept(participant.session, 'patto', version);
    const refused = await revoke(participant.session, 'patto');
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'consent_not_revocable']);
  });
});

describe('the Liberatoria', () => {
  it('is accepted and withdrawn, each a new record; withdrawing twice is refused', async () => {
    const participant = await member();
    const { version } = (await publish('liberatoria', { textIt: 'Acconsento.', textEn: 'I consent.' })).json();
    expect((await accept(participant.session, 'liberatoria', version)).statusCode).toBe(201);
    const withdrawn = await revoke(participant.session, 'liberatoria');
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().consent).toMatchObject({ acceptedVersion: null, pending: true });
    expect(withdrawn.json().consent.revokedAt).not.toBeNull();
    const again = await revoke(participant.session, 'liberatoria');
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'consent_not_accepted']);
    expect((await records(participant.user.id)).map((r) => r.action)).toEqual(['accept', 'revoke']);
  });
});

describe('the records', () => {
  it('are never changed or deleted, whoever asks', async () => {
    const participant = await member();
    const { version } = await consent(participant.session, 'privacy');
    await accept(participant.session, 'privacy', version);
    await expect(
      sql`update consent_records set version = 99 where user_id = ${participant.user.id}`.execute(ctx.db),
    ).rejects.toThrow(/never changed or deleted/);
    await expect(
      sql`delete from consent_records where user_id = ${participant.user.id}`.execute(ctx.db),
    ).rejects.toThrow(/never changed or deleted/);
    expect(await records(participant.user.id)).toHaveLength(1);
  });
});

describe('who signed', () => {
  it('lists everyone with their state, pages through them, and gives a spreadsheet safe to open', async () => {
    const kind = 'privacy';
    const signer = await member({ displayName: '=HYPERLINK("http://evil.example")' });
    const { version } = await consent(signer.session, kind);
    await accept(signer.session, kind, version);
    const list = async (query = '') =>
      (
        await ctx.request({ method: 'GET', url: `/api/admin/consents/${kind}/acceptances${query}`, as: admin.session })
      ).json();
    const first = await list('?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const all: Array<{ user: { id: number }; state: string }> = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(new Set(all.map((a) => a.user.id)).size).toBe(all.length);
    expect(all.find((a) => a.user.id === signer.user.id)?.state).toBe('accepted');
    expect(all.find((a) => a.user.id === admin.user.id)?.state).toBe('never');

    const csv = await ctx.request({
      method: 'GET',
      url: `/api/admin/consents/${kind}/acceptances?format=csv`,
      as: admin.session,
    });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('user_id,name,email,role,ente,state,version,at');
    expect(lines).toHaveLength(all.length + 1);
    const row = lines.find((l) => l.startsWith(`"${signer.user.id}",`));
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(row).toContain(',"accepted",');

    const refused = await ctx.request({
      method: 'GET',
      url: `/api/admin/consents/${kind}/acceptances`,
      as: signer.session,
    });
    expect(refused.statusCode).toBe(403);
    const bad = await ctx.request({
      method: 'GET',
      url: `/api/admin/consents/${kind}/acceptances?cursor=%%%`,
      as: admin.session,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('the pages', () => {
  it('take a participant to a new Patto at the next page view, once, and back where they were', async () => {
    const participant = await member();
    await accept(participant.session, 'privacy', (await consent(participant.session, 'privacy')).version);
    const asked = await web.page('/tavoli', participant.session);
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/consensi/patto?chiesto=1&next=%2Ftavoli');
    const page = await web.page(String(asked.headers.location), participant.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Il Patto, aggiornato.');
    expect(page.body).toContain('Accetto');

    const later = await web.post('/consensi/patto/dopo', { next: '/tavoli' }, participant.session);
    expect(later.statusCode).toBe(303);
    const put = later.cookies.find((c) => c.name === 'hs_consents_later');
    const deferred = { cookie: `${participant.session.cookie}; hs_consents_later=${put?.value}` };
    expect((await web.page('/tavoli', deferred)).statusCode).toBe(200);

    const { version } = await consent(participant.session, 'patto');
    const accepted = await web.post(
      '/consensi/patto/accetta',
      { version: String(version), next: '/tavoli' },
      participant.session,
    );
    expect([accepted.statusCode, accepted.headers.location]).toEqual([303, '/tavoli']);
    expect((await web.page('/tavoli', participant.session)).statusCode).toBe(200);
    expect((await startThread(participant.session)).statusCode).toBe(201);
  });

  it('show a stale acceptance as an error on the page, and an admin the list of who signed', async () => {
    const participant = await member();
    await accept(admin.session, 'privacy', (await consent(admin.session, 'privacy')).version);
    const stale = await web.post('/consensi/patto/accetta', { version: '1', next: '/' }, participant.session);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Nel frattempo è stata pubblicata una nuova versione');
    const list = await web.page('/admin/consensi/patto', admin.session);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Mai accettata');
    expect((await web.page('/admin/consensi', admin.session)).body).toContain('Versione attuale: ');
    for (const kind of ['patto', 'privacy'])
      await accept(participant.session, kind, (await consent(participant.session, kind)).version);
    expect((await web.page('/admin/consensi', participant.session)).statusCode).toBe(403);
  });

  it('explain a refused write with a link to the Patto', async () => {
    const participant = await member();
    const refused = await ctx.request({
      method: 'POST',
      url: '/api/threads',
      as: participant.session,
      headers: { accept: 'text/html' },
      payload: { tableId, focusArea: 'cultura', kind: 'discussion', title: 'Un titolo valido', body: 'Testo.' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('patto_required');
    const { thread } = await newThread(ctx, admin.session, { tableId, title: 'Discussione aperta da tutti' });
    // A form says why next to what was written; a plain action gets the error page and its link.
    const form = await web.post(`/discussioni/${thread.id}/risposte`, { body: 'Una risposta' }, participant.session);
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('accetta prima il Patto');
    const like = await web.post(`/messaggi/${await firstPostId(thread.id)}/mi-piace`, {}, participant.session);
    expect(like.statusCode).toBe(403);
    expect(like.body).toContain('accetta prima il Patto');
    expect(like.body).toContain('href="/consensi/patto"');
  });
});
