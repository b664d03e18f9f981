import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';

let ctx: TestContext;
let member: { user: { id: number }; session: Session };
let other: { user: { id: number }; session: Session };
let moderator: { user: { id: number }; session: Session };
let tableId: number;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  member = await signedIn(ctx);
  other = await signedIn(ctx);
  moderator = await signedIn(ctx, { role: 'moderator' });
  tableId = (await newTable(ctx, { kind: 'regional', members: [member.user, other.user, moderator.user] })).id;
});
afterAll(() => ctx.close());

describe('threads', () => {
  it('are created with a first post, counters and the author watching', async () => {
    const response = await ctx.request({
      method: 'POST',
      url: '/api/threads',
      as: member.session,
      payload: {
        tableId,
        focusArea: 'innovazione',
        dimension: 'competenze',
        kind: 'question',
        title: '  Come usare lo SPID?  ',
        body: 'Serve **aiuto**.',
      },
    });
    expect(response.statusCode).toBe(201);
    const { thread, post } = response.json();
    expect(thread).toMatchObject({
      tableId,
      focusArea: 'innovazione',
      dimension: 'competenze',
      kind: 'question',
      title: 'Come usare lo SPID?',
      postCount: 1,
      participantCount: 1,
      lastPostNumber: 1,
      unreadCount: 0,
      subscription: 'watching',
      author: { id: member.user.id },
    });
    expect(post).toMatchObject({
      number: 1,
      body: 'Serve **aiuto**.',
      bodyHtml: '<p>Serve <strong>aiuto</strong>.</p>',
      deleted: false,
    });
  });

  it('announcements are for moderators and admins only', async () => {
    const payload = { tableId, focusArea: 'cultura', kind: 'announcement', title: 'Avviso importante', body: 'Testo' };
    expect((await ctx.request({ method: 'POST', url: '/api/threads', as: member.session, payload })).statusCode).toBe(
      403,
    );
    expect(
      (await ctx.request({ method: 'POST', url: '/api/threads', as: moderator.session, payload })).statusCode,
    ).toBe(201);
  });

  it('validate their input with clear errors', async () => {
    const base = { tableId, focusArea: 'cultura', kind: 'discussion', title: 'Titolo valido', body: 'Corpo' };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...base, focusArea: 'sport' }, 400, 'invalid_request'],
      [{ ...base, kind: 'poll' }, 400, 'invalid_request'],
      [{ ...base, title: 'ab' }, 400, 'invalid_title'],
      [{ ...base, body: '   ' }, 400, 'empty_body'],
      [{ ...base, body: 'x'.repeat(50_001) }, 400, 'body_too_long'],
      [{ ...base, tableId: 999_999 }, 404, 'table_not_found'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await ctx.request({ method: 'POST', url: '/api/threads', as: member.session, payload });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(response.json().error.code).toBe(code);
    }
  });

  it('list pinned first, then by last activity, with keyset pagination and filters', async () => {
    const table = (await newTable(ctx, { kind: 'regional', members: [member.user, moderator.user] })).id;
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (await newThread(ctx, member.session, { tableId: table, focusArea: i % 2 ? 'innovazione' : 'cultura' })).thread
          .id,
      );
    // Activity on the oldest moves it to the top; pinning the second oldest puts it above all.
    await newReply(ctx, member.session, ids[0] as number);
    await ctx.request({
      method: 'PATCH',
      url: `/api/threads/${ids[1]}`,
      as: moderator.session,
      payload: { pinned: true },
    });

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/threads?table=${table}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await ctx.request({ method: 'GET', url: query, as: member.session })).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t: { id: number }) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids[1], ids[0], ids[4], ids[3], ids[2]]);

    const cultura = (
      await ctx.request({ method: 'GET', url: `/api/threads?table=${table}&focusArea=cultura`, as: member.session })
    ).json();
    expect(cultura.items.map((t: { focusArea: string }) => t.focusArea)).toEqual(['cultura', 'cultura', 'cultura']);
    const bad = await ctx.request({ method: 'GET', url: '/api/threads?cursor=garbage', as: member.session });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_cursor');
  });

  it('paginate their posts by number', async () => {
    const { thread } = await newThread(ctx, member.session, { tableId });
    for (let i = 0; i < 4; i++) await newReply(ctx, other.session, thread.id, `Risposta ${i + 2}`);
    const first = (
      await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}?limit=3`, as: member.session })
    ).json();
    expect(first.posts.map((p: { number: number }) => p.number)).toEqual([1, 2, 3]);
    expect(first.nextCursor).toBe('3');
    const second = (
      await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}?after=3&limit=3`, as: member.session })
    ).json();
    expect(second.posts.map((p: { number: number }) => p.number)).toEqual([4, 5]);
    expect(second.nextCursor).toBeNull();
    expect(first.thread).toMatchObject({ postCount: 5, participantCount: 2 });
  });

  it('can be retitled by their author, and pinned, locked or moved only by moderators (audited)', async () => {
    const { thread } = await newThread(ctx, member.session, { tableId });
    const retitle = await ctx.request({
      method: 'PATCH',
      url: `/api/threads/${thread.id}`,
      as: member.session,
      payload: { title: 'Titolo corretto' },
    });
    expect(retitle.statusCode).toBe(200);
    expect(retitle.json().thread.title).toBe('Titolo corretto');
    expect(
      (
        await ctx.request({
          method: 'PATCH',
          url: `/api/threads/${thread.id}`,
          as: member.session,
          payload: { pinned: true },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await ctx.request({
          method: 'PATCH',
          url: `/api/threads/${thread.id}`,
          as: other.session,
          payload: { title: 'Non mio titolo' },
        })
      ).statusCode,
    ).toBe(403);

    const target = await newTable(ctx, { kind: 'regional', members: [moderator.user] });
    const moved = await ctx.request({
      method: 'PATCH',
      url: `/api/threads/${thread.id}`,
      as: moderator.session,
      payload: { tableId: target.id, focusArea: 'innovazione', locked: true },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().thread).toMatchObject({ tableId: target.id, focusArea: 'innovazione', locked: true });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('subject_type', '=', 'thread')
      .where('subject_id', '=', String(thread.id))
      .execute();
    expect(audit).toEqual([{ action: 'thread.update', actor_id: moderator.user.id }]);
  });

  it('locked threads take replies from moderators only', async () => {
    const { thread } = await newThread(ctx, member.session, { tableId });
    await ctx.request({
      method: 'PATCH',
      url: `/api/threads/${thread.id}`,
      as: moderator.session,
      payload: { locked: true },
    });
    const refused = await ctx.request({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      as: other.session,
      payload: { body: 'Posso?' },
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/threads/${thread.id}/posts`,
          as: moderator.session,
          payload: { body: 'Chiuso.' },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('search finds titles and posts in Italian and English with highlighted, escaped snippets', async () => {
    const { thread } = await newThread(ctx, member.session, {
      tableId,
      title: 'Valorizzazione dei musei civici',
      body: 'Parliamo di <b>biglietti</b> integrati per i musei.',
    });
    await newReply(ctx, other.session, thread.id, 'The cooperation agreements with partner cities were signed.');
    const italian = (
      await ctx.request({ method: 'GET', url: `/api/search?q=${encodeURIComponent('museo')}`, as: member.session })
    ).json();
    expect(italian.items[0]).toMatchObject({ threadId: thread.id, postNumber: 1 });
    expect(italian.items[0].snippetHtml).toContain('<mark>');
    expect(italian.items[0].snippetHtml).not.toContain('<b>');
    expect(italian.items[0].titleHtml).toContain('<mark>musei</mark>');
    const english = (
      await ctx.request({
        method: 'GET',
        url: `/api/search?q=${encodeURIComponent('"partner cities" agreement')}`,
        as: member.session,
      })
    ).json();
    expect(english.items.map((i: { postNumber: number }) => i.postNumber)).toEqual([2]);
    const excluded = (
      await ctx.request({
        method: 'GET',
        url: `/api/search?q=${encodeURIComponent('musei -biglietti')}`,
        as: member.session,
      })
    ).json();
    expect(excluded.items).toEqual([]);
    const filtered = (
      await ctx.request({ method: 'GET', url: `/api/search?q=musei&focusArea=innovazione`, as: member.session })
    ).json();
    expect(filtered.items).toEqual([]);
    const byAuthor = (
      await ctx.request({
        method: 'GET',
        url: `/api/search?q=cooperation&author=${other.user.id}&sort=recent`,
        as: member.session,
      })
    ).json();
    expect(byAuthor.items).toHaveLength(1);
  });

  it('search ignores accents both ways, in posts and titles', async () => {
    const { thread } = await newThread(ctx, member.session, {
      tableId,
      title: 'Perché la città partecipa',
      body: 'Una scelta di qualità per l’università.',
    });
    await newReply(ctx, other.session, thread.id, 'Citta e universita lavorano insieme, perche conviene.');
    const found = async (q: string) =>
      (await ctx.request({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}`, as: member.session }))
        .json()
        .items.filter((i: { threadId: number }) => i.threadId === thread.id)
        .map((i: { postNumber: number }) => i.postNumber)
        .sort();
    expect(await found('perche')).toEqual([1, 2]);
    expect(await found('perché')).toEqual([1, 2]);
    expect(await found('università')).toEqual([1, 2]);
    expect(await found('qualita')).toEqual([1]);
    const hit = (await ctx.request({ method: 'GET', url: '/api/search?q=citta', as: member.session }))
      .json()
      .items.find((i: { postNumber: number; threadId: number }) => i.threadId === thread.id && i.postNumber === 1);
    expect(hit.titleHtml).toContain('<mark>città</mark>');
  });
});
