import type { DocumentStatus } from '@hubspoke/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newEnte, newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedIn>>;
let labModerator: Awaited<ReturnType<typeof signedIn>>;
let otherModerator: Awaited<ReturnType<typeof signedIn>>;
let participant: Awaited<ReturnType<typeof signedIn>>;
const ids = { enteA: 0, enteB: 0, lab: 0, regional: 0 };
const REGION = 'Basilicata';

const api = (url: string, as?: Session) => ctx.request({ method: 'GET', url, ...(as ? { as } : {}) });
const progress = async (query: string, as: Session = admin.session) => {
  const response = await api(`/api/programme/progress?${query}`, as);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const HOUR = 3600_000;
const DAY = 24 * HOUR;

type Person = Awaited<ReturnType<typeof signedIn>>;
async function newDocument(tableId: number, author: Person, dimension: string, status: DocumentStatus) {
  const { thread } = await newThread(ctx, author.session, { tableId });
  await ctx.db
    .insertInto('documents')
    .values({
      table_id: tableId,
      thread_id: thread.id,
      author_id: author.user.id,
      title: `Piano ${dimension} ${status}`,
      kind: 'strategic_plan',
      focus_area: 'cultura',
      dimension,
      language: 'it',
      status,
    })
    .execute();
}

/**
 * Ente A (three participants) works in a private lab and a regional table; ente B (one) only in
 * the regional table. Everything is set up once and read back through every view.
 */
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signedIn(ctx, { role: 'admin' });
  const enteA = await newEnte(ctx, { name: 'Comune di Matera', region: REGION });
  const enteB = await newEnte(ctx, { name: 'Comune di Potenza', region: REGION });
  ids.enteA = enteA.id;
  ids.enteB = enteB.id;
  const [a1, a2, a3, b1] = await Promise.all([
    signedIn(ctx, { enteId: enteA.id, displayName: 'Anna Matera' }),
    signedIn(ctx, { enteId: enteA.id }),
    signedIn(ctx, { enteId: enteA.id }),
    signedIn(ctx, { enteId: enteB.id }),
  ]);
  if (!a1 || !a2 || !a3 || !b1) throw new Error('people missing');
  participant = a1;
  labModerator = await signedIn(ctx, { role: 'moderator' });
  otherModerator = await signedIn(ctx, { role: 'moderator' });
  const tutor = await signedIn(ctx, { role: 'tutor' });
  const lab = await newTable(ctx, {
    name: 'Laboratorio di Matera',
    members: [a1.user, a2.user, labModerator.user, tutor.user],
  });
  const regional = await newTable(ctx, {
    name: 'Tavolo regionale Basilicata',
    kind: 'regional',
    members: [a1.user, a3.user, b1.user],
  });
  ids.lab = lab.id;
  ids.regional = regional.id;
  await ctx.db
    .updateTable('tables')
    .set({ ente_id: enteA.id, regions: [REGION] })
    .where('id', '=', lab.id)
    .execute();
  await ctx.db
    .updateTable('tables')
    .set({ regions: [REGION] })
    .where('id', '=', regional.id)
    .execute();

  // Questionnaires: one per person in the regional table (a1 answers), one per ente in the lab (A answers).
  const survey = async (respondent: 'person' | 'ente', tableId: number) => {
    const response = await ctx.request({
      method: 'POST',
      url: '/api/surveys',
      as: admin.session,
      payload: {
        title: `Domande ${respondent}`,
        respondent,
        tableIds: [tableId],
        opensAt: new Date(Date.now() - HOUR).toISOString(),
        questions: [{ key: 'note', type: 'text', label: { it: 'Note', en: 'Notes' } }],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().survey.id as number;
  };
  const answer = async (surveyId: number, as: Session) => {
    const response = await ctx.request({
      method: 'PUT',
      url: `/api/surveys/${surveyId}/response`,
      as,
      payload: { answers: { note: 'Fatto' }, submit: true },
    });
    expect(response.statusCode, response.body).toBe(200);
  };
  await answer(await survey('person', regional.id), a1.session);
  await answer(await survey('ente', lab.id), a2.session);

  // Products: the lab's documents (private) and one in the regional table, by ente A's people.
  await newDocument(lab.id, a1, 'strategia', 'published');
  await newDocument(lab.id, a2, 'strategia', 'draft');
  await newDocument(lab.id, a2, 'competenze', 'archived');
  await newDocument(regional.id, a3, 'competenze', 'submitted');

  // Questions: two in the lab, one answered by a tutor after 30 minutes; one in the regional table by B.
  const asked = new Date(Date.now() - 5 * HOUR);
  const q1 = await newThread(ctx, a1.session, {
    tableId: lab.id,
    kind: 'question',
    title: 'Come si compila il budget?',
  });
  await newThread(ctx, a2.session, { tableId: lab.id, kind: 'question', title: 'Quali partner cercare?' });
  await newThread(ctx, b1.session, { tableId: regional.id, kind: 'question', title: 'Scadenze del bando?' });
  await ctx.db
    .updateTable('threads')
    .set({
      created_at: asked,
      first_tutor_reply_at: new Date(asked.getTime() + 30 * 60_000),
      question_status: 'answered',
    })
    .where('id', '=', q1.thread.id)
    .execute();

  // Sessions: two held in the lab (a1 at both, a2 at one), one coming; one held in the regional table (b1 there).
  const session = async (tableId: number, startsAt: Date) =>
    (
      await ctx.db
        .insertInto('table_sessions')
        .values({
          table_id: tableId,
          title: 'Definizione di una proposta di piano strategico',
          dimension: 'strategia',
          starts_at: startsAt,
          days: 1.5,
          created_by: admin.user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const held1 = await session(lab.id, new Date(Date.now() - 20 * DAY));
  const held2 = await session(lab.id, new Date(Date.now() - 10 * DAY));
  await session(lab.id, new Date(Date.now() + 10 * DAY));
  const heldRegional = await session(regional.id, new Date(Date.now() - 5 * DAY));
  await ctx.db
    .insertInto('session_attendance')
    .values([
      { session_id: held1, user_id: a1.user.id, recorded_by: admin.user.id },
      { session_id: held1, user_id: a2.user.id, recorded_by: admin.user.id },
      { session_id: held2, user_id: a1.user.id, recorded_by: admin.user.id },
      // Not a participant of the table's: a tutor's presence does not count.
      { session_id: held2, user_id: tutor.user.id, recorded_by: admin.user.id },
      { session_id: heldRegional, user_id: b1.user.id, recorded_by: admin.user.id },
    ])
    .execute();

  // The Patto, signed by a1 only (published last: unsigned people could not write before).
  const published = await ctx.request({
    method: 'POST',
    url: '/api/admin/consents/patto/versions',
    as: admin.session,
    payload: { textIt: 'Mi impegno a seguire tutto il percorso.', textEn: 'I commit to the whole path.' },
  });
  expect(published.statusCode, published.body).toBe(201);
  const accepted = await ctx.request({
    method: 'POST',
    url: '/api/consents/patto/accept',
    as: a1.session,
    payload: { version: published.json().version },
  });
  expect(accepted.statusCode, accepted.body).toBe(201);
});
afterAll(async () => {
  await ctx.close();
});

describe('per ente', () => {
  it('counts people, the Patto, answers, products, sessions and questions of the tables the admin reads', async () => {
    const body = await progress(`region=${REGION}`);
    expect(body.view).toBe('enti');
    expect(body.pattoVersion).toBe(1);
    expect(body.enti.map((e: { ente: { name: string } }) => e.ente.name)).toEqual([
      'Comune di Matera',
      'Comune di Potenza',
    ]);
    const [a, b] = body.enti;
    expect(a).toMatchObject({
      people: 3,
      pattoSigned: 1,
      // person survey: a1 and a3 are asked in the regional table, a1 answered; ente survey: A answered.
      surveys: { expected: 3, answered: 2 },
      // Two held lab sessions (a1, a2 expected at each, 3 present) and one regional (a1, a3 expected, none present).
      sessions: { held: 3, coming: 1, attendances: 3, attendancesExpected: 6 },
      questions: { open: 1, answered: 1, medianFirstReplyMinutes: 30 },
    });
    expect(a.products).toEqual([
      { dimension: 'competenze', status: 'submitted', count: 1 },
      { dimension: 'strategia', status: 'draft', count: 1 },
      { dimension: 'strategia', status: 'published', count: 1 },
    ]);
    expect(b).toMatchObject({
      people: 1,
      pattoSigned: 0,
      surveys: { expected: 1, answered: 0 },
      sessions: { held: 1, coming: 0, attendances: 1, attendancesExpected: 1 },
      questions: { open: 1, answered: 0, medianFirstReplyMinutes: null },
      products: [],
    });
  });

  it('leaves out what happens in a private lab for a moderator outside it', async () => {
    const [a] = (await progress(`region=${REGION}`, otherModerator.session)).enti;
    expect(a.products).toEqual([{ dimension: 'competenze', status: 'submitted', count: 1 }]);
    expect(a.sessions).toEqual({ held: 1, coming: 0, attendances: 0, attendancesExpected: 2 });
    expect(a.questions).toMatchObject({ open: 0, answered: 0 });
    // People and the Patto are not the lab's content: they stay.
    expect(a).toMatchObject({ people: 3, pattoSigned: 1 });
    const [inside] = (await progress(`region=${REGION}`, labModerator.session)).enti;
    expect(inside.sessions.held).toBe(3);
  });

  it('counts a signature only while it is for the current Patto', async () => {
    const republished = await ctx.request({
      method: 'POST',
      url: '/api/admin/consents/patto/versions',
      as: admin.session,
      payload: { textIt: 'Mi impegno a seguire tutto il percorso, versione 2.', textEn: 'Version 2.' },
    });
    expect(republished.statusCode).toBe(201);
    const body = await progress(`region=${REGION}`);
    expect(body.pattoVersion).toBe(2);
    expect(body.enti[0].pattoSigned).toBe(0);
    const accepted = await ctx.request({
      method: 'POST',
      url: '/api/consents/patto/accept',
      as: participant.session,
      payload: { version: 2 },
    });
    expect(accepted.statusCode).toBe(201);
    expect((await progress(`region=${REGION}`)).enti[0].pattoSigned).toBe(1);
  });

  it('pages by name with a cursor', async () => {
    const first = await progress(`region=${REGION}&limit=1`);
    expect(first.enti).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await progress(`region=${REGION}&limit=1&cursor=${first.nextCursor}`);
    expect(second.enti.map((e: { ente: { name: string } }) => e.ente.name)).toEqual(['Comune di Potenza']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('per table', () => {
  it('gives each readable table its members’ figures; a private lab only to those who read it', async () => {
    const body = await progress(`view=tables&region=${REGION}`);
    const byName = Object.fromEntries(body.tables.map((t: { table: { name: string } }) => [t.table.name, t]));
    expect(byName['Laboratorio di Matera']).toMatchObject({
      table: { id: ids.lab, kind: 'lab', enteId: ids.enteA, enteName: 'Comune di Matera', regions: [REGION] },
      people: 2,
      surveys: { expected: 1, answered: 1 },
      sessions: { held: 2, coming: 1, attendances: 3, attendancesExpected: 4 },
      questions: { open: 1, answered: 1, medianFirstReplyMinutes: 30 },
    });
    expect(byName['Tavolo regionale Basilicata']).toMatchObject({
      people: 3,
      surveys: { expected: 3, answered: 1 },
      sessions: { held: 1, coming: 0, attendances: 1, attendancesExpected: 3 },
      products: [{ dimension: 'competenze', status: 'submitted', count: 1 }],
    });
    const outside = await progress(`view=tables&region=${REGION}`, otherModerator.session);
    expect(outside.tables.map((t: { table: { id: number } }) => t.table.id)).toEqual([ids.regional]);
  });
});

describe('as a spreadsheet', () => {
  it('has a row per ente with products in two columns per dimension', async () => {
    const response = await api(`/api/programme/progress?region=${REGION}&format=csv`, admin.session);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain('progress-enti.csv');
    const [header, matera, potenza, ...rest] = response.body.trim().split('\r\n');
    expect(rest).toEqual([]);
    const columns = JSON.parse(`[${header}]`) as string[];
    const row = Object.fromEntries(columns.map((c, i) => [c, JSON.parse(`[${matera}]`)[i]]));
    expect(row).toMatchObject({
      ente: 'Comune di Matera',
      people: '3',
      products_strategia_published: '1',
      products_strategia_in_progress: '1',
      products_competenze_in_progress: '1',
      sessions_held: '3',
      median_first_reply_minutes: '30',
    });
    expect(potenza).toContain('"Comune di Potenza"');
    const tables = await api(`/api/programme/progress?view=tables&region=${REGION}&format=csv`, otherModerator.session);
    expect(tables.body).not.toContain('Laboratorio di Matera');
    expect(tables.body).toContain('Tavolo regionale Basilicata');
  });
});

describe('refusals', () => {
  it('is for moderators and admins, and names bad input', async () => {
    expect((await api('/api/programme/progress')).statusCode).toBe(401);
    const asParticipant = await api('/api/programme/progress', participant.session);
    expect([asParticipant.statusCode, asParticipant.json().error.code]).toEqual([403, 'forbidden']);
    expect((await api('/api/programme/progress?format=csv', participant.session)).statusCode).toBe(403);
    const badView = await api('/api/programme/progress?view=regioni', admin.session);
    expect(badView.statusCode).toBe(400);
    const badCursor = await api('/api/programme/progress?cursor=zzz', admin.session);
    expect([badCursor.statusCode, badCursor.json().error.code]).toEqual([400, 'invalid_cursor']);
    expect((await api('/api/programme/progress?limit=0', admin.session)).statusCode).toBe(400);
  });
});

describe('the Avanzamento page', () => {
  it('is in the staff menu and shows the figures per ente and per table; participants are refused', async () => {
    const web = browserOf(ctx);
    const page = await web.page(`/programma?regione=${REGION}`, admin.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/programma"');
    expect(page.body).toContain('Comune di Matera');
    expect(page.body).toMatch(/<td>1 su 3<\/td>/);
    expect(page.body).toContain(`/api/programme/progress?view=enti&amp;region=${REGION}&amp;format=csv`);
    const tables = await web.page(`/programma?vista=tavoli&regione=${REGION}`, otherModerator.session);
    expect(tables.body).toContain('Tavolo regionale Basilicata');
    expect(tables.body).not.toContain('Laboratorio di Matera');
    const refused = await web.page('/programma', participant.session);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('href="/programma"');
  });
});
