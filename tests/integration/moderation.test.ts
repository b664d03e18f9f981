import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';

let ctx: TestContext;
type Person = { user: { id: number }; session: Session };
let author: Person;
let reader: Person;
let moderator: Person;
let otherModerator: Person;
let admin: Person;
let tableId: number;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  author = await signedIn(ctx);
  reader = await signedIn(ctx);
  moderator = await signedIn(ctx, { role: 'moderator' });
  otherModerator = await signedIn(ctx, { role: 'moderator' });
  admin = await signedIn(ctx, { role: 'admin' });
  tableId = (await newTable(ctx, { kind: 'regional', members: [author.user, reader.user, moderator.user] })).id;
});
afterAll(() => ctx.close());

const flags = async (as: Session) =>
  (await ctx.request({ method: 'GET', url: '/api/moderation/flags', as })).json().items as Array<{
    id: number;
    post: { id: number };
  }>;

describe('flags', () => {
  it('one open flag per person and post; the queue shows it to the table’s moderators and admins only', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    const post = await newReply(ctx, author.session, thread.id, 'Contenuto discutibile');
    const flag = (as: Session) =>
      ctx.request({ method: 'POST', url: `/api/posts/${post.id}/flags`, as, payload: { reason: 'Fuori tema' } });
    const first = await flag(reader.session);
    expect(first.statusCode).toBe(201);
    const again = await flag(reader.session);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_flagged');

    expect((await flags(moderator.session)).map((f) => f.post.id)).toContain(post.id);
    expect((await flags(admin.session)).map((f) => f.post.id)).toContain(post.id);
    expect((await flags(otherModerator.session)).map((f) => f.post.id)).not.toContain(post.id);
    expect((await ctx.request({ method: 'GET', url: '/api/moderation/flags', as: reader.session })).statusCode).toBe(
      403,
    );
  });

  it('resolving with hide hides the post for readers, keeps it for its author, closes the flags and is audited', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    const post = await newReply(ctx, author.session, thread.id, 'Da nascondere');
    const flagId = (
      await ctx.request({
        method: 'POST',
        url: `/api/posts/${post.id}/flags`,
        as: reader.session,
        payload: { reason: 'Offensivo' },
      })
    ).json().flag.id;
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/moderation/flags/${flagId}/resolve`,
          as: otherModerator.session,
          payload: { action: 'hide' },
        })
      ).statusCode,
    ).toBe(403);
    const resolved = await ctx.request({
      method: 'POST',
      url: `/api/moderation/flags/${flagId}/resolve`,
      as: moderator.session,
      payload: { action: 'hide' },
    });
    expect(resolved.statusCode).toBe(204);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/moderation/flags/${flagId}/resolve`,
          as: moderator.session,
          payload: { action: 'dismiss' },
        })
      ).statusCode,
    ).toBe(409);

    const asReader = (await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}`, as: reader.session })).json()
      .posts[1];
    expect(asReader).toMatchObject({ hidden: true, body: '', bodyHtml: '' });
    const asAuthor = (await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}`, as: author.session })).json()
      .posts[1];
    expect(asAuthor).toMatchObject({ hidden: true, body: 'Da nascondere' });
    expect((await flags(moderator.session)).map((f) => f.id)).not.toContain(flagId);
    const search = (await ctx.request({ method: 'GET', url: '/api/search?q=nascondere', as: reader.session })).json();
    expect(search.items).toEqual([]);

    const audit = (await ctx.request({ method: 'GET', url: '/api/moderation/audit', as: moderator.session })).json()
      .items;
    expect(audit.slice(0, 2).map((a: { action: string }) => a.action)).toEqual(['post.hide', 'flag.hide']);
    expect(audit[0]).toMatchObject({
      subjectType: 'post',
      subjectId: String(post.id),
      actor: { id: moderator.user.id },
    });
    expect((await ctx.request({ method: 'GET', url: '/api/moderation/audit', as: reader.session })).statusCode).toBe(
      403,
    );
  });

  it('dismissing leaves the post visible', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    const post = await newReply(ctx, author.session, thread.id, 'Va bene così');
    const flagId = (
      await ctx.request({
        method: 'POST',
        url: `/api/posts/${post.id}/flags`,
        as: reader.session,
        payload: { reason: 'Dubbio' },
      })
    ).json().flag.id;
    await ctx.request({
      method: 'POST',
      url: `/api/moderation/flags/${flagId}/resolve`,
      as: moderator.session,
      payload: { action: 'dismiss' },
    });
    const shown = (await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}`, as: reader.session })).json()
      .posts[1];
    expect(shown).toMatchObject({ hidden: false, body: 'Va bene così' });
  });

  it('moderators hide and unhide posts directly', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    const post = await newReply(ctx, author.session, thread.id, 'Temporaneo');
    expect(
      (await ctx.request({ method: 'POST', url: `/api/posts/${post.id}/hide`, as: reader.session })).statusCode,
    ).toBe(403);
    expect(
      (await ctx.request({ method: 'POST', url: `/api/posts/${post.id}/hide`, as: moderator.session })).json().post
        .hidden,
    ).toBe(true);
    expect(
      (await ctx.request({ method: 'POST', url: `/api/posts/${post.id}/unhide`, as: admin.session })).json().post
        .hidden,
    ).toBe(false);
  });
});

describe('concurrency', () => {
  it('50 simultaneous replies are numbered 1..N without gaps or duplicates, with exact counters', async () => {
    const people = await Promise.all(Array.from({ length: 5 }, () => signedIn(ctx)));
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, ...people.map((p) => p.user)] });
    const { thread } = await newThread(ctx, author.session, { tableId: table.id });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ctx.request({
          method: 'POST',
          url: `/api/threads/${thread.id}/posts`,
          as: (people[i % 5] as Person).session,
          payload: { body: `Risposta ${i}` },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const numbers = await ctx.db
      .selectFrom('posts')
      .select('number')
      .where('thread_id', '=', thread.id)
      .orderBy('number')
      .execute();
    expect(numbers.map((n) => n.number)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const counters = await ctx.db
      .selectFrom('threads')
      .select(['post_count', 'participant_count', 'last_post_number'])
      .where('id', '=', thread.id)
      .executeTakeFirstOrThrow();
    expect(counters).toEqual({ post_count: 51, participant_count: 6, last_post_number: 51 });
  });
});
