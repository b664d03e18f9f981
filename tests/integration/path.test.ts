import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, signedIn } from '../support/factories.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedIn>>;
let moderator: Awaited<ReturnType<typeof signedIn>>;
let member: Awaited<ReturnType<typeof signedIn>>;
let outsider: Awaited<ReturnType<typeof signedIn>>;
let labId: number;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const api = (method: Method, url: string, as?: Session, payload?: object) =>
  ctx.request({ method, url, ...(as ? { as } : {}), ...(payload ? { payload } : {}) });

const DAY = 86_400_000;
const session = (overrides: object = {}) => ({
  title: 'Definizione di una proposta di piano strategico',
  dimension: 'strategia',
  startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
  days: 1.5,
  place: 'Sala consiliare, Comune di Matera',
  ...overrides,
});

async function newSession(overrides: object = {}, tableId = labId) {
  const response = await api('POST', `/api/tables/${tableId}/sessions`, moderator.session, session(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json().session as { id: number; past: boolean };
}

/** The events of a feed, read back by a real iCalendar parser with the feed's own time zone. */
function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await signedIn(ctx, { role: 'admin' });
  moderator = await signedIn(ctx, { role: 'moderator' });
  member = await signedIn(ctx, { displayName: 'Marta Lecce' });
  outsider = await signedIn(ctx);
  const lab = await newTable(ctx, { name: 'Laboratorio di Lecce', members: [moderator.user, member.user] });
  labId = lab.id;
});
afterAll(async () => {
  await ctx.close();
});

describe('planning sessions', () => {
  it('lets the table’s moderator plan, change and remove a session, shown on the path by dimension', async () => {
    const planned = await newSession();
    expect(planned).toMatchObject({ past: false });
    const changed = await api('PATCH', `/api/tables/${labId}/sessions/${planned.id}`, moderator.session, {
      days: 6,
      title: 'PCM, partenariati, budget',
      dimension: 'capacita_istituzionale',
      online: 'https://meet.example.it/lecce',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().session).toMatchObject({ days: 6, online: 'https://meet.example.it/lecce' });

    const path = await api('GET', `/api/tables/${labId}/path`, member.session);
    expect(path.statusCode).toBe(200);
    const modules = path.json().modules as Array<{ dimension: string; sessions: Array<{ id: number; title: string }> }>;
    expect(modules.map((m) => m.dimension)).toEqual(['strategia', 'competenze', 'capacita_istituzionale']);
    expect(modules.find((m) => m.dimension === 'capacita_istituzionale')?.sessions).toEqual([
      expect.objectContaining({ id: planned.id, title: 'PCM, partenariati, budget' }),
    ]);
    expect(path.json().canManage).toBe(false);
    expect((await api('GET', `/api/tables/${labId}/path`, moderator.session)).json().canManage).toBe(true);

    expect((await api('DELETE', `/api/tables/${labId}/sessions/${planned.id}`, moderator.session)).statusCode).toBe(
      204,
    );
    expect((await api('DELETE', `/api/tables/${labId}/sessions/${planned.id}`, moderator.session)).statusCode).toBe(
      404,
    );
  });

  it('refuses bad sessions naming the field, and people who do not plan the table', async () => {
    const refused = async (overrides: object, code: string) => {
      const response = await api('POST', `/api/tables/${labId}/sessions`, moderator.session, session(overrides));
      expect([response.statusCode, response.json().error.code], JSON.stringify(overrides)).toEqual([400, code]);
    };
    await refused({ days: 0 }, 'invalid_session_days');
    await refused({ days: -1 }, 'invalid_session_days');
    await refused({ days: 1.25 }, 'invalid_session_days');
    await refused({ dimension: 'astrologia' }, 'invalid_dimension');
    await refused({ startsAt: 'domani' }, 'invalid_session_starts_at');
    await refused({ title: '   ' }, 'invalid_session_title');
    await refused({ online: 'javascript:alert(1)' }, 'invalid_session_online');
    await refused({ online: 'http://meet.example.it' }, 'invalid_session_online');
    await refused({ place: 'x'.repeat(301) }, 'invalid_session_place');
    const unknownField = await api(
      'POST',
      `/api/tables/${labId}/sessions`,
      moderator.session,
      session({ colour: 'red' }),
    );
    expect(unknownField.statusCode).toBe(400);

    expect((await api('POST', `/api/tables/${labId}/sessions`, member.session, session())).statusCode).toBe(403);
    // A private lab is unknown to those outside it, and so are its sessions.
    expect((await api('POST', `/api/tables/${labId}/sessions`, outsider.session, session())).statusCode).toBe(404);
    expect((await api('GET', `/api/tables/${labId}/path`, outsider.session)).statusCode).toBe(404);
    expect((await api('GET', '/api/tables/999999/path', admin.session)).statusCode).toBe(404);
    const other = await newTable(ctx, { members: [moderator.user] });
    const elsewhere = await newSession({}, other.id);
    expect(
      (await api('PATCH', `/api/tables/${labId}/sessions/${elsewhere.id}`, moderator.session, { days: 2 })).statusCode,
    ).toBe(404);
    expect((await api('GET', `/api/tables/${labId}/path`)).statusCode).toBe(401);
  });
});

describe('products due', () => {
  it('shows each product with the furthest status of the table’s documents of its kind', async () => {
    const created = await api('POST', `/api/tables/${labId}/products`, moderator.session, {
      documentKind: 'strategic_plan',
      dimension: 'strategia',
      dueAt: '2020-01-31',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().product).toMatchObject({ status: null, overdue: true });
    const again = await api('POST', `/api/tables/${labId}/products`, moderator.session, {
      documentKind: 'strategic_plan',
      dimension: 'strategia',
      dueAt: '2030-01-31',
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'product_exists']);
    for (const [body, code] of [
      [{ documentKind: 'poem', dimension: 'strategia', dueAt: '2030-01-31' }, 'invalid_document_kind'],
      [{ documentKind: 'tool', dimension: 'x', dueAt: '2030-01-31' }, 'invalid_dimension'],
      [{ documentKind: 'tool', dimension: 'strategia', dueAt: '2030-02-30' }, 'invalid_due_at'],
    ] as const) {
      const response = await api('POST', `/api/tables/${labId}/products`, moderator.session, body);
      expect([response.statusCode, response.json().error.code]).toEqual([400, code]);
    }

    const thread = await ctx.db
      .insertInto('threads')
      .values({ table_id: labId, focus_area: 'cultura', kind: 'discussion', title: 'Piano', author_id: member.user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('documents')
      .values({
        table_id: labId,
        thread_id: thread.id,
        author_id: member.user.id,
        title: 'Piano strategico di Lecce',
        kind: 'strategic_plan',
        focus_area: 'cultura',
        dimension: 'strategia',
        language: 'it',
        status: 'submitted',
      })
      .execute();
    const path = (await api('GET', `/api/tables/${labId}/path`, member.session)).json();
    const strategia = path.modules.find((m: { dimension: string }) => m.dimension === 'strategia');
    expect(strategia.products).toEqual([
      expect.objectContaining({
        documentKind: 'strategic_plan',
        dueAt: '2020-01-31',
        status: 'submitted',
        overdue: true,
      }),
    ]);
    const id = created.json().product.id;
    expect((await api('DELETE', `/api/tables/${labId}/products/${id}`, member.session)).statusCode).toBe(403);
    expect((await api('DELETE', `/api/tables/${labId}/products/${id}`, moderator.session)).statusCode).toBe(204);
  });
});

describe('attendance', () => {
  it('records who took part, once the session has begun, among the table’s people only', async () => {
    const coming = await newSession();
    const early = await api('PUT', `/api/tables/${labId}/sessions/${coming.id}/attendance`, moderator.session, {
      userIds: [member.user.id],
    });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'session_not_started']);

    const held = await newSession({ startsAt: new Date(Date.now() - 3 * DAY).toISOString() });
    expect(held.past).toBe(true);
    const url = `/api/tables/${labId}/sessions/${held.id}/attendance`;
    const stranger = await api('PUT', url, moderator.session, { userIds: [member.user.id, outsider.user.id] });
    expect([stranger.statusCode, stranger.json().error.code]).toEqual([400, 'invalid_attendees']);
    expect((await api('PUT', url, member.session, { userIds: [member.user.id] })).statusCode).toBe(403);

    const recorded = await api('PUT', url, moderator.session, { userIds: [member.user.id, moderator.user.id] });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const narrowed = await api('PUT', url, moderator.session, { userIds: [member.user.id] });
    expect(narrowed.json().userIds).toEqual([member.user.id]);
    expect((await api('GET', url, moderator.session)).json().userIds).toEqual([member.user.id]);

    const mine = (await api('GET', '/api/me/attendance', member.session)).json().items;
    expect(mine).toEqual([
      expect.objectContaining({ sessionId: held.id, tableId: labId, tableName: 'Laboratorio di Lecce' }),
    ]);
    expect((await api('GET', '/api/me/attendance', moderator.session)).json().items).toEqual([]);
    const path = (await api('GET', `/api/tables/${labId}/path`, member.session)).json();
    const shown = path.modules.flatMap((m: { sessions: Array<{ id: number; attended: boolean }> }) => m.sessions);
    expect(shown.find((s: { id: number }) => s.id === held.id)?.attended).toBe(true);
    expect(shown.find((s: { id: number }) => s.id === coming.id)?.attended).toBe(false);
  });
});

describe('calendar feeds', () => {
  it('are iCalendar a real parser reads, in Europe/Rome, with titles escaped and long lines folded', async () => {
    const table = await newTable(ctx, { name: 'Tavolo; con, segni', members: [moderator.user, member.user] });
    // 09:30 in Rome in winter is 08:30 UTC; in summer 07:30 UTC.
    const winter = await newSession(
      {
        title:
          'Confronto regionale: città, porti; e «cooperazione»\nseconda riga — una sessione dal titolo molto lungo',
        startsAt: '2027-01-20T08:30:00Z',
        days: 1.5,
      },
      table.id,
    );
    await newSession({ title: 'Sessione estiva', startsAt: '2027-07-01T07:30:00Z', days: 6, place: null }, table.id);

    const feed = await api('GET', `/api/tables/${table.id}/calendar.ics`, member.session);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const lines = feed.body.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);

    const [first, second] = parseFeed(feed.body);
    if (!first || !second) throw new Error('two events expected');
    expect(first.summary).toBe(
      'Confronto regionale: città, porti; e «cooperazione»\nseconda riga — una sessione dal titolo molto lungo',
    );
    expect(first.uid).toBe(`session-${winter.id}@${new URL(ctx.config.publicUrl).host}`);
    expect(first.startDate.zone?.tzid).toBe('Europe/Rome');
    expect([first.startDate.hour, first.startDate.minute]).toEqual([9, 30]);
    expect(first.startDate.toJSDate().toISOString()).toBe('2027-01-20T08:30:00.000Z');
    expect(first.duration.toSeconds()).toBe(36 * 3600);
    expect(first.location).toBe('Sala consiliare, Comune di Matera');
    expect([second.startDate.hour, second.startDate.minute]).toEqual([9, 30]);
    expect(second.duration.toSeconds()).toBe(6 * 86_400);
    expect(second.location).toBeNull();

    // An edit raises the event's SEQUENCE, so subscribed calendars replace what they had.
    expect(first.sequence).toBe(0);
    await ctx.db
      .updateTable('table_sessions')
      .set({ created_at: new Date(Date.now() - 60_000) })
      .where('id', '=', winter.id)
      .execute();
    const edited = await api('PATCH', `/api/tables/${table.id}/sessions/${winter.id}`, moderator.session, {
      place: 'Sala Giunta',
    });
    expect(edited.statusCode).toBe(200);
    const again = parseFeed((await api('GET', `/api/tables/${table.id}/calendar.ics`, member.session)).body);
    expect(again[0]?.location).toBe('Sala Giunta');
    expect(again[0]?.sequence).toBeGreaterThan(0);
  });

  it('open with a personal token that follows access, and stop when it is replaced or revoked', async () => {
    const guest = await signedIn(ctx);
    const table = await newTable(ctx, { name: 'Laboratorio privato', members: [moderator.user, guest.user] });
    await newSession({ title: 'Sessione riservata' }, table.id);
    expect((await api('GET', `/api/tables/${table.id}/calendar.ics`)).statusCode).toBe(401);

    const issued = await api('POST', '/api/me/calendar-token', guest.session);
    expect(issued.statusCode).toBe(201);
    const { token, personalFeed } = issued.json();
    expect(personalFeed).toContain(`/api/me/calendar.ics?token=${token}`);
    const byToken = await api('GET', `/api/tables/${table.id}/calendar.ics?token=${token}`);
    expect(byToken.statusCode).toBe(200);
    expect(parseFeed(byToken.body).map((e) => e.summary)).toEqual(['Sessione riservata']);
    const personal = await api('GET', `/api/me/calendar.ics?token=${token}`);
    expect(parseFeed(personal.body).map((e) => e.summary)).toContain('Sessione riservata');

    // Someone who has left the lab reads it no more, token or not.
    await ctx.db
      .deleteFrom('table_members')
      .where('table_id', '=', table.id)
      .where('user_id', '=', guest.user.id)
      .execute();
    expect((await api('GET', `/api/tables/${table.id}/calendar.ics?token=${token}`)).statusCode).toBe(404);
    const after = await api('GET', `/api/me/calendar.ics?token=${token}`);
    expect(after.statusCode).toBe(200);
    expect(parseFeed(after.body).map((e) => e.summary)).not.toContain('Sessione riservata');

    const replaced = (await api('POST', '/api/me/calendar-token', guest.session)).json().token;
    const old = await api('GET', `/api/me/calendar.ics?token=${token}`);
    expect([old.statusCode, old.json().error.code]).toEqual([401, 'invalid_calendar_token']);
    expect((await api('GET', `/api/me/calendar.ics?token=${replaced}`)).statusCode).toBe(200);
    expect((await api('DELETE', '/api/me/calendar-token', guest.session)).statusCode).toBe(204);
    expect((await api('GET', `/api/me/calendar.ics?token=${replaced}`)).statusCode).toBe(401);
    expect((await api('DELETE', '/api/me/calendar-token', guest.session)).statusCode).toBe(404);
  });
});
