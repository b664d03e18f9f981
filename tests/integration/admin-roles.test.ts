import type { Role } from '@hubspoke/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, newUser, signedIn } from '../support/factories.js';

let ctx: TestContext;
const sessions = {} as Record<Role, { id: number; session: Session }>;

beforeAll(async () => {
  ctx = await createTestContext();
  for (const role of ['participant', 'tutor', 'moderator', 'admin'] as const) {
    const { user, session } = await signedIn(ctx, { role });
    sessions[role] = { id: user.id, session };
  }
});
afterAll(() => ctx.close());

type Action = (as: Session) => Promise<number>;
const status = async (promise: ReturnType<TestContext['request']>) => (await promise).statusCode;

/** Each admin action and the status each role gets. */
const matrix: Array<[string, Action, Record<Role, number>]> = [
  [
    'create an ente',
    (as) =>
      status(
        ctx.request({
          method: 'POST',
          url: '/api/enti',
          as,
          payload: { name: `Comune ${Math.random()}`, kind: 'comune', region: 'Lazio' },
        }),
      ),
    { participant: 403, tutor: 403, moderator: 403, admin: 201 },
  ],
  [
    'create a table',
    (as) =>
      status(
        ctx.request({
          method: 'POST',
          url: '/api/tables',
          as,
          payload: { name: 'Tavolo regionale Lazio', kind: 'regional', regions: ['Lazio'] },
        }),
      ),
    { participant: 403, tutor: 403, moderator: 403, admin: 201 },
  ],
  [
    'invite someone',
    (as) =>
      status(
        ctx.request({
          method: 'POST',
          url: '/api/invitations',
          as,
          payload: { email: `p${Math.random()}@example.it`, role: 'participant' },
        }),
      ),
    { participant: 403, tutor: 403, moderator: 403, admin: 201 },
  ],
  [
    'list every user',
    (as) => status(ctx.request({ method: 'GET', url: '/api/users', as })),
    { participant: 403, tutor: 403, moderator: 403, admin: 200 },
  ],
  [
    'change a role',
    async (as) => {
      const target = await newUser(ctx);
      return status(
        ctx.request({ method: 'PUT', url: `/api/users/${target.id}/role`, as, payload: { role: 'tutor' } }),
      );
    },
    { participant: 403, tutor: 403, moderator: 403, admin: 200 },
  ],
  [
    'add a member to an open table they are not a member of',
    async (as) => {
      const table = await newTable(ctx, { kind: 'regional' });
      const target = await newUser(ctx);
      return status(ctx.request({ method: 'PUT', url: `/api/tables/${table.id}/members/${target.id}`, as }));
    },
    { participant: 403, tutor: 403, moderator: 403, admin: 204 },
  ],
];

describe('admin actions by role', () => {
  for (const [name, action, expected] of matrix) {
    it(`${name}: ${JSON.stringify(expected)}`, async () => {
      const actual = {} as Record<Role, number>;
      for (const role of Object.keys(expected) as Role[]) actual[role] = await action(sessions[role].session);
      expect(actual).toEqual(expected);
    });
  }

  it('a moderator manages the members of a table they moderate, and it is audited', async () => {
    const moderator = sessions.moderator;
    const table = await newTable(ctx, { kind: 'lab', members: [{ id: moderator.id }] });
    const target = await newUser(ctx);
    const add = await ctx.request({
      method: 'PUT',
      url: `/api/tables/${table.id}/members/${target.id}`,
      as: moderator.session,
    });
    expect(add.statusCode).toBe(204);
    const members = await ctx.request({ method: 'GET', url: `/api/tables/${table.id}/members`, as: moderator.session });
    expect(members.json().items.map((m: { id: number }) => m.id)).toContain(target.id);
    const remove = await ctx.request({
      method: 'DELETE',
      url: `/api/tables/${table.id}/members/${target.id}`,
      as: moderator.session,
    });
    expect(remove.statusCode).toBe(204);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('subject_id', '=', String(table.id))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'table.member_add', actor_id: moderator.id },
      { action: 'table.member_remove', actor_id: moderator.id },
    ]);
  });

  it('an admin cannot demote themselves', async () => {
    const response = await ctx.request({
      method: 'PUT',
      url: `/api/users/${sessions.admin.id}/role`,
      as: sessions.admin.session,
      payload: { role: 'participant' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('anonymous callers get 401 everywhere', async () => {
    for (const [method, url] of [
      ['GET', '/api/tables'],
      ['GET', '/api/users'],
      ['POST', '/api/enti'],
      ['GET', '/api/enti'],
    ] as const) {
      const response = await ctx.request({
        method,
        url,
        payload: method === 'POST' ? { name: 'Comune X', kind: 'comune' } : undefined,
      });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe('table visibility', () => {
  it('a private lab is listed and readable only for members and admins', async () => {
    const member = await signedIn(ctx);
    const outsider = await signedIn(ctx);
    const lab = await newTable(ctx, { kind: 'lab', members: [member.user] });
    const open = await newTable(ctx, { kind: 'regional' });
    const ids = async (as: Session) =>
      (await ctx.request({ method: 'GET', url: '/api/tables', as })).json().items.map((t: { id: number }) => t.id);

    expect(await ids(member.session)).toEqual(expect.arrayContaining([lab.id, open.id]));
    expect(await ids(outsider.session)).toContain(open.id);
    expect(await ids(outsider.session)).not.toContain(lab.id);
    expect(await ids(sessions.admin.session)).toContain(lab.id);

    expect((await ctx.request({ method: 'GET', url: `/api/tables/${lab.id}`, as: outsider.session })).statusCode).toBe(
      404,
    );
    expect(
      (await ctx.request({ method: 'GET', url: `/api/tables/${lab.id}/members`, as: outsider.session })).statusCode,
    ).toBe(404);
    const readable = await ctx.request({ method: 'GET', url: `/api/tables/${lab.id}`, as: member.session });
    expect(readable.json().table).toMatchObject({ id: lab.id, visibility: 'members', isMember: true });
  });

  it('lists the seeded focus areas and dimensions in Italian and English', async () => {
    const focus = await ctx.request({ method: 'GET', url: '/api/focus-areas' });
    expect(focus.json().items.map((f: { slug: string }) => f.slug)).toEqual(['cultura', 'innovazione']);
    expect(focus.json().items[1].name).toEqual({ it: 'Innovazione', en: 'Innovation' });
    const dims = await ctx.request({ method: 'GET', url: '/api/dimensions' });
    expect(dims.json().items.map((d: { slug: string }) => d.slug)).toEqual([
      'strategia',
      'competenze',
      'capacita_istituzionale',
    ]);
  });
});

describe('the list of people', () => {
  it('pages newest first with an opaque cursor, and refuses a forged one', async () => {
    const as = sessions.admin.session;
    for (let i = 0; i < 3; i++) await newUser(ctx);
    const all = await ctx.db.selectFrom('users').select('id').orderBy('id', 'desc').execute();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await ctx.request({
        method: 'GET',
        url: `/api/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        as,
      });
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u: { id: number }) => u.id));
      cursor = page.nextCursor;
      if (cursor) expect(cursor).not.toMatch(/^\d+$/);
    } while (cursor);
    expect(seen).toEqual(all.map((u) => u.id));

    const forged = await ctx.request({ method: 'GET', url: '/api/users?cursor=bm90LWpzb24', as });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('invalid_cursor');
  });
});
