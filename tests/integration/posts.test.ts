import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, newUser, signedIn, signIn } from '../support/factories.js';

let ctx: TestContext;
type Person = { user: { id: number; handle: string }; session: Session };
let author: Person;
let reader: Person;
let moderator: Person;
let tableId: number;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  author = await signedIn(ctx, { displayName: 'Giulia Ferri' });
  reader = await signedIn(ctx, { displayName: 'Luca Greco' });
  moderator = await signedIn(ctx, { role: 'moderator' });
  tableId = (await newTable(ctx, { kind: 'lab', members: [author.user, reader.user, moderator.user] })).id;
});
afterAll(() => ctx.close());

const get = (url: string, as: Session) => ctx.request({ method: 'GET', url, as });

describe('replies', () => {
  it('can answer a given post, and refuse a post of another thread', async () => {
    const { thread, post } = await newThread(ctx, author.session, { tableId });
    const response = await ctx.request({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      as: reader.session,
      payload: { body: 'Rispondo a te', replyTo: post.id },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().post).toMatchObject({ number: 2, replyTo: post.id, author: { id: reader.user.id } });
    const other = await newThread(ctx, author.session, { tableId });
    const wrong = await ctx.request({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      as: reader.session,
      payload: { body: 'x', replyTo: other.post.id },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('invalid_reply_to');
  });

  it('resolve @mentions of people who can see the thread, and leave the others as text', async () => {
    const outsider = await newUser(ctx, { displayName: 'Esterno Privato' });
    const { thread } = await newThread(ctx, author.session, { tableId });
    const post = await newReply(
      ctx,
      reader.session,
      thread.id,
      `Ciao @${author.user.handle} e @${outsider.handle} e @nessuno.qui`,
    );
    expect(post.bodyHtml).toContain(`href="/u/${author.user.handle}"`);
    expect(post.bodyHtml).not.toContain(`/u/${outsider.handle}`);
    expect(post.bodyHtml).toContain(`@${outsider.handle}`);
    const mentions = await ctx.db
      .selectFrom('post_mentions')
      .select('user_id')
      .where('post_id', '=', post.id)
      .execute();
    expect(mentions).toEqual([{ user_id: author.user.id }]);
  });

  it('are rate-limited per user', async () => {
    const strict = await createTestContext({ POST_MAX_PER_WINDOW: '2' });
    try {
      const { user, session } = await signedIn(strict);
      const table = await newTable(strict, { members: [user] });
      const { thread } = await newThread(strict, session, { tableId: table.id });
      expect(
        (
          await strict.request({
            method: 'POST',
            url: `/api/threads/${thread.id}/posts`,
            as: session,
            payload: { body: 'uno' },
          })
        ).statusCode,
      ).toBe(201);
      const limited = await strict.request({
        method: 'POST',
        url: `/api/threads/${thread.id}/posts`,
        as: session,
        payload: { body: 'due' },
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
    } finally {
      await strict.close();
    }
  });
});

describe('editing', () => {
  it('keeps every earlier revision readable, and only the author or a moderator may edit', async () => {
    const { thread, post } = await newThread(ctx, author.session, { tableId, body: 'Versione uno' });
    const edit = (body: string, as: Session) =>
      ctx.request({ method: 'PATCH', url: `/api/posts/${post.id}`, as, payload: { body } });
    expect((await edit('Versione due', author.session)).statusCode).toBe(200);
    const third = await edit('Versione *tre*', author.session);
    expect(third.json().post).toMatchObject({ body: 'Versione *tre*', bodyHtml: '<p>Versione <em>tre</em></p>' });
    expect(third.json().post.editedAt).not.toBeNull();
    expect((await edit('Non mia', reader.session)).statusCode).toBe(403);
    expect((await edit('Corretto dal moderatore', moderator.session)).statusCode).toBe(200);

    const revisions = (await get(`/api/posts/${post.id}/revisions`, reader.session)).json().items;
    expect(revisions.map((r: { body: string }) => r.body)).toEqual(['Versione uno', 'Versione due', 'Versione *tre*']);
    expect(revisions[2].editor.id).toBe(moderator.user.id);
    const page = (await get(`/api/threads/${thread.id}`, reader.session)).json();
    expect(page.posts[0].body).toBe('Corretto dal moderatore');
  });

  it('quotes a post as Markdown attributed to its author', async () => {
    const { post } = await newThread(ctx, author.session, { tableId, body: 'Una frase\nsu due righe' });
    const quote = (await get(`/api/posts/${post.id}/quote`, reader.session)).json().markdown;
    expect(quote).toContain(`@${author.user.handle}`);
    expect(quote).toContain('> Una frase');
    expect(quote).toContain('> su due righe');
  });
});

describe('soft delete', () => {
  it('leaves a tombstone that keeps numbering and replies intact', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    const second = await newReply(ctx, reader.session, thread.id, 'Da cancellare');
    const third = (
      await ctx.request({
        method: 'POST',
        url: `/api/threads/${thread.id}/posts`,
        as: author.session,
        payload: { body: 'Rispondo al 2', replyTo: second.id },
      })
    ).json().post;
    expect(
      (await ctx.request({ method: 'DELETE', url: `/api/posts/${second.id}`, as: author.session })).statusCode,
    ).toBe(403);
    expect(
      (await ctx.request({ method: 'DELETE', url: `/api/posts/${second.id}`, as: reader.session })).statusCode,
    ).toBe(204);
    const page = (await get(`/api/threads/${thread.id}`, author.session)).json();
    expect(page.posts.map((p: { number: number }) => p.number)).toEqual([1, 2, 3]);
    expect(page.posts[1]).toMatchObject({ deleted: true, body: '', bodyHtml: '' });
    expect(page.posts[2]).toMatchObject({ replyTo: second.id });
    expect(third.replyTo).toBe(second.id);
    expect(page.thread.postCount).toBe(2);
    expect(
      (
        await ctx.request({
          method: 'PATCH',
          url: `/api/posts/${second.id}`,
          as: reader.session,
          payload: { body: 'risorto' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await get(`/api/posts/${second.id}/revisions`, reader.session)).statusCode).toBe(404);
  });
});

describe('reactions', () => {
  it('count one like per person, not for one’s own post', async () => {
    const { post } = await newThread(ctx, author.session, { tableId });
    const like = (as: Session, method: 'POST' | 'DELETE' = 'POST') =>
      ctx.request({ method, url: `/api/posts/${post.id}/reactions`, as, payload: { kind: 'like' } });
    expect((await like(reader.session)).json()).toEqual({ reactions: { like: 1 }, likedByMe: true });
    expect((await like(reader.session)).json().reactions.like).toBe(1);
    expect((await like(moderator.session)).json().reactions.like).toBe(2);
    expect((await like(reader.session, 'DELETE')).json()).toEqual({ reactions: { like: 1 }, likedByMe: false });
    expect((await like(author.session)).statusCode).toBe(403);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/posts/${post.id}/reactions`,
          as: reader.session,
          payload: { kind: 'love' },
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('reading state', () => {
  it('tracks unread posts per thread and unread threads per table, and bookmarks', async () => {
    const table = await newTable(ctx, { kind: 'lab', members: [author.user, reader.user] });
    const { thread } = await newThread(ctx, author.session, { tableId: table.id });
    await newReply(ctx, author.session, thread.id);
    await newReply(ctx, author.session, thread.id);
    const unread = async () => (await get(`/api/threads?table=${table.id}`, reader.session)).json().items[0];
    expect(await unread()).toMatchObject({ unreadCount: 3, lastReadPostNumber: null });
    const tables = async () =>
      (await get('/api/tables', reader.session)).json().items.find((t: { id: number }) => t.id === table.id);
    expect((await tables()).unreadThreads).toBe(1);

    expect(
      (
        await ctx.request({
          method: 'PUT',
          url: `/api/threads/${thread.id}/read`,
          as: reader.session,
          payload: { postNumber: 2 },
        })
      ).statusCode,
    ).toBe(204);
    expect(await unread()).toMatchObject({ unreadCount: 1, lastReadPostNumber: 2 });
    await ctx.request({
      method: 'PUT',
      url: `/api/threads/${thread.id}/read`,
      as: reader.session,
      payload: { postNumber: 1 },
    });
    expect((await unread()).lastReadPostNumber).toBe(2);
    await ctx.request({
      method: 'PUT',
      url: `/api/threads/${thread.id}/read`,
      as: reader.session,
      payload: { postNumber: 99 },
    });
    expect(await unread()).toMatchObject({ unreadCount: 0, lastReadPostNumber: 3 });
    expect((await tables()).unreadThreads).toBe(0);

    expect(
      (await ctx.request({ method: 'PUT', url: `/api/threads/${thread.id}/bookmark`, as: reader.session })).statusCode,
    ).toBe(204);
    expect((await unread()).bookmarked).toBe(true);
    const bookmarked = (await get('/api/threads?bookmarked=true', reader.session)).json().items;
    expect(bookmarked.map((t: { id: number }) => t.id)).toEqual([thread.id]);
    await ctx.request({ method: 'DELETE', url: `/api/threads/${thread.id}/bookmark`, as: reader.session });
    expect((await get('/api/threads?bookmarked=true', reader.session)).json().items).toEqual([]);
  });

  it('lists what is new since the last visit', async () => {
    const person = await newUser(ctx);
    const table = await newTable(ctx, { kind: 'lab', members: [author.user, person] });
    const old = await newThread(ctx, author.session, { tableId: table.id });
    // The last visit ended an hour ago; the thread above predates it, the next one does not.
    const hourAgo = new Date(Date.now() - 3_600_000);
    await ctx.db
      .updateTable('threads')
      .set({ last_activity_at: new Date(Date.now() - 7_200_000) })
      .where('id', '=', old.thread.id)
      .execute();
    await ctx.db.updateTable('users').set({ last_seen_at: hourAgo }).where('id', '=', person.id).execute();
    const session = await signIn(ctx, person);
    const fresh = await newThread(ctx, author.session, { tableId: table.id });
    const list = (await get(`/api/threads?table=${table.id}&new=true`, session)).json().items;
    expect(list.map((t: { id: number }) => t.id)).toEqual([fresh.thread.id]);
    expect(list[0].newSinceLastVisit).toBe(true);
  });

  it('subscriptions: authors and repliers watch; anyone may change the level', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    await newReply(ctx, reader.session, thread.id);
    const level = async (as: Session) => (await get(`/api/threads/${thread.id}`, as)).json().thread.subscription;
    expect(await level(author.session)).toBe('watching');
    expect(await level(reader.session)).toBe('watching');
    expect(await level(moderator.session)).toBe('normal');
    await ctx.request({
      method: 'PUT',
      url: `/api/threads/${thread.id}/subscription`,
      as: reader.session,
      payload: { level: 'muted' },
    });
    await newReply(ctx, reader.session, thread.id);
    expect(await level(reader.session)).toBe('muted');
    expect(
      (
        await ctx.request({
          method: 'PUT',
          url: `/api/tables/${tableId}/subscription`,
          as: reader.session,
          payload: { level: 'watching' },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await ctx.request({
          method: 'PUT',
          url: '/api/focus-areas/cultura/subscription',
          as: reader.session,
          payload: { level: 'muted' },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await ctx.request({
          method: 'PUT',
          url: '/api/focus-areas/sport/subscription',
          as: reader.session,
          payload: { level: 'muted' },
        })
      ).statusCode,
    ).toBe(400);
    const rows = await ctx.db
      .selectFrom('focus_area_subscriptions')
      .selectAll()
      .where('user_id', '=', reader.user.id)
      .execute();
    expect(rows.map((r) => [r.focus_area, r.level])).toEqual([['cultura', 'muted']]);
  });
});
