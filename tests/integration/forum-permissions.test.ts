import type { Role } from '@hubspoke/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';

/**
 * Every role, as member and as outsider, against a private lab and an open regional table:
 * the status of each action, and whether the thread leaks into lists, search and counts.
 */
let ctx: TestContext;
const ROLES: Role[] = ['participant', 'tutor', 'moderator', 'admin'];
type Actor = { role: Role; member: boolean; session: Session; id: number };
const actors: Actor[] = [];
const spaces: Record<'lab' | 'regional', { tableId: number; threadId: number; postId: number; word: string }> =
  {} as never;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '10000' });
  for (const role of ROLES) {
    for (const member of [true, false]) {
      const { user, session } = await signedIn(ctx, { role });
      actors.push({ role, member, session, id: user.id });
    }
  }
  const owner = await signedIn(ctx);
  const members = [owner.user, ...actors.filter((a) => a.member).map((a) => ({ id: a.id }))];
  for (const kind of ['lab', 'regional'] as const) {
    const word = kind === 'lab' ? 'riservatissimo' : 'pubblicissimo';
    const table = await newTable(ctx, { kind, members });
    const { thread } = await newThread(ctx, owner.session, {
      tableId: table.id,
      title: `Discussione ${word}`,
      body: `Testo ${word}`,
    });
    const post = await newReply(ctx, owner.session, thread.id, `Risposta ${word}`);
    spaces[kind] = { tableId: table.id, threadId: thread.id, postId: post.id, word };
  }
});
afterAll(() => ctx.close());

type Outcome = {
  read: number;
  reply: number;
  create: number;
  flag: number;
  pin: number;
  hide: number;
  listed: boolean;
};

function expected(space: 'lab' | 'regional', role: Role, member: boolean): Outcome {
  const admin = role === 'admin';
  const canRead = admin || member || space === 'regional';
  const canWrite = admin || member;
  const moderates = admin || (role === 'moderator' && member);
  if (!canRead) return { read: 404, reply: 404, create: 404, flag: 404, pin: 404, hide: 404, listed: false };
  return {
    read: 200,
    reply: canWrite ? 201 : 403,
    create: canWrite ? 201 : 403,
    flag: 201,
    pin: moderates ? 200 : 403,
    hide: moderates ? 200 : 403,
    listed: true,
  };
}

async function observe(space: 'lab' | 'regional', actor: Actor): Promise<Outcome> {
  const { tableId, threadId, postId, word } = spaces[space];
  const as = actor.session;
  const status = async (p: ReturnType<TestContext['request']>) => (await p).statusCode;
  const read = await status(ctx.request({ method: 'GET', url: `/api/threads/${threadId}`, as }));
  const reply = await status(
    ctx.request({ method: 'POST', url: `/api/threads/${threadId}/posts`, as, payload: { body: 'prova' } }),
  );
  const create = await status(
    ctx.request({
      method: 'POST',
      url: '/api/threads',
      as,
      payload: { tableId, focusArea: 'cultura', kind: 'discussion', title: 'Nuova discussione', body: 'x' },
    }),
  );
  const flag = await status(
    ctx.request({ method: 'POST', url: `/api/posts/${postId}/flags`, as, payload: { reason: 'verifica' } }),
  );
  const pin = await status(
    ctx.request({ method: 'PATCH', url: `/api/threads/${threadId}`, as, payload: { pinned: true } }),
  );
  const hide = await status(ctx.request({ method: 'POST', url: `/api/posts/${postId}/unhide`, as }));
  const list = (await ctx.request({ method: 'GET', url: '/api/threads?limit=100', as }))
    .json()
    .items.map((t: { id: number }) => t.id);
  const search = (await ctx.request({ method: 'GET', url: `/api/search?q=${word}`, as }))
    .json()
    .items.map((h: { threadId: number }) => h.threadId);
  const tables = (await ctx.request({ method: 'GET', url: '/api/tables', as }))
    .json()
    .items.map((t: { id: number }) => t.id);
  const listed = list.includes(threadId);
  // The three views must agree: a thread is either visible everywhere or nowhere.
  expect(search.includes(threadId), 'search agrees with list').toBe(listed);
  expect(tables.includes(tableId), 'tables agree with list').toBe(listed);
  return { read, reply, create, flag, pin, hide, listed };
}

describe('forum permission matrix', () => {
  for (const space of ['lab', 'regional'] as const) {
    for (const role of ROLES) {
      for (const member of [true, false]) {
        it(`${space}: ${role} ${member ? 'member' : 'outsider'}`, async () => {
          const actor = actors.find((a) => a.role === role && a.member === member) as Actor;
          expect(await observe(space, actor)).toEqual(expected(space, role, member));
        });
      }
    }
  }

  it('a private lab’s thread ids answer exactly like ids that do not exist', async () => {
    const outsider = actors.find((a) => a.role === 'participant' && !a.member) as Actor;
    const hidden = await ctx.request({
      method: 'GET',
      url: `/api/threads/${spaces.lab.threadId}`,
      as: outsider.session,
    });
    const missing = await ctx.request({ method: 'GET', url: '/api/threads/99999999', as: outsider.session });
    expect(hidden.statusCode).toBe(missing.statusCode);
    expect(hidden.json()).toEqual(missing.json());
    const revisions = await ctx.request({
      method: 'GET',
      url: `/api/posts/${spaces.lab.postId}/revisions`,
      as: outsider.session,
    });
    expect(revisions.statusCode).toBe(404);
    const read = await ctx.request({
      method: 'PUT',
      url: `/api/threads/${spaces.lab.threadId}/read`,
      as: outsider.session,
      payload: { postNumber: 1 },
    });
    expect(read.statusCode).toBe(404);
  });
});
