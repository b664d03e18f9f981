import { searchRepo } from '@hubspoke/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, signedIn } from '../support/factories.js';

/**
 * Search looks for matches in windows of post ids from the newest backwards. Thousands of posts
 * are written straight in SQL, with words of very different spreads, in an open table and a
 * private lab; every page the API gives is checked against one plain query over all posts.
 */
let ctx: TestContext;
let member: Session;
let outsider: Session;
let memberId: number;
let oldestId: number;
let newestId: number;

/** Posts in each block written in SQL: many windows' worth. */
const BLOCK = 8_000;

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await signedIn(ctx);
  const b = await signedIn(ctx);
  member = a.session;
  memberId = a.user.id;
  outsider = b.session;
  const open = await newTable(ctx, { kind: 'regional', members: [a.user] });
  const lab = await newTable(ctx, { kind: 'lab', members: [a.user] });
  const thread = async (tableId: number, title: string) =>
    (
      await sql<{ id: number }>`
        insert into threads (table_id, focus_area, kind, title, author_id, last_post_number, post_count, participant_count)
        values (${tableId}, 'cultura', 'discussion', ${title}, ${a.user.id}, 0, 0, 1) returning id`.execute(ctx.db)
    ).rows[0]?.id as number;
  const openThread = await thread(open.id, 'Discussione aperta');
  const labThread = await thread(lab.id, 'Discussione riservata');
  const post = async (threadId: number, number: number, body: string) =>
    (
      await sql<{ id: number }>`
        insert into posts (thread_id, number, author_id, body, body_html, search_vector)
        values (${threadId}, ${number}, ${a.user.id}, ${body}, '<p>x</p>',
                to_tsvector('hubspoke_italian', ${body}) || to_tsvector('hubspoke_english', ${body}))
        returning id`.execute(ctx.db)
    ).rows[0]?.id as number;
  const block = (threadId: number, numberFrom: number, body: string) => sql`
    insert into posts (thread_id, number, author_id, body, body_html, search_vector)
    select ${threadId}, ${numberFrom} + g, ${a.user.id}, b.body, '<p>x</p>',
           to_tsvector('hubspoke_italian', b.body) || to_tsvector('hubspoke_english', b.body)
    from generate_series(1, ${BLOCK}) g, lateral (select ${sql.raw(body)} as body) b
    order by g`;
  // Oldest first: the only post with "antichissimo"; then a block where "vecchissimo" is in
  // every other post (a common word, but only among old posts); then the lab's block and the
  // open table's newer one. "saltuario" is rare, "frequente" common, in both spaces.
  oldestId = await post(openThread, 1, 'Un messaggio antichissimo e frequente');
  await block(
    openThread,
    1,
    `'Vecchio ' || g || case when g % 2 = 0 then ' vecchissimo' else '' end || case when g % 3 = 0 then ' frequente' else '' end`,
  ).execute(ctx.db);
  await block(
    labThread,
    0,
    `'Riservato ' || g || case when g % 2 = 0 then ' frequente' else '' end
       || case when g % 1999 = 0 then ' saltuario' else '' end`,
  ).execute(ctx.db);
  await block(
    openThread,
    1 + BLOCK,
    `'Riempitivo ' || g || case when g % 3 = 0 then ' frequente' else '' end
       || case when g % 997 = 0 then ' saltuario' else '' end
       || case when g % 7 = 0 then repeat(' frequente', g % 5) else '' end`,
  ).execute(ctx.db);
  // The newest post of all is the lab's and matches every word.
  newestId = await post(labThread, BLOCK + 1, 'Segreto antichissimo vecchissimo saltuario frequente');
  await sql`analyze posts`.execute(ctx.db);
}, 120_000);
afterAll(() => ctx.close());

/** The expected matches, newest first, with their ranks: one plain query over every post. */
async function reference(word: string, asMember: boolean) {
  const { rows } = await sql<{ id: number; rank: number }>`
    select p.id, ts_rank(p.search_vector, w.q)::float8 as rank
    from posts p join threads t on t.id = p.thread_id join tables tb on tb.id = t.table_id,
         (select websearch_to_tsquery('hubspoke_italian', ${word}) || websearch_to_tsquery('hubspoke_english', ${word}) as q) w
    where p.search_vector @@ w.q and p.deleted_at is null and p.hidden_at is null
      and (tb.visibility = 'participants'
           or exists (select 1 from table_participants tp where tp.table_id = tb.id and tp.user_id = ${asMember ? memberId : -1}))
    order by p.id desc`.execute(ctx.db);
  return rows;
}

/** Every page of a search, following the cursors. */
async function allPages(as: Session, word: string, sort: 'recent' | 'relevance', limit: number) {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 500; page++) {
    const response = await ctx.request({
      method: 'GET',
      url: `/api/search?q=${word}&sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      as,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { items: Array<{ postId: number }>; nextCursor: string | null };
    ids.push(...body.items.map((i) => i.postId));
    cursor = body.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('too many pages');
}

describe('search in id windows', () => {
  it('finds matches far older than the first window, in both sorts', async () => {
    for (const sort of ['recent', 'relevance'] as const) {
      expect(await allPages(outsider, 'antichissimo', sort, 20), sort).toEqual([oldestId]);
      // Common enough that the search starts with a small window, where none are.
      const old = (await reference('vecchissimo', false)).map((r) => r.id);
      expect(old.length).toBe(BLOCK / 2);
      const ids = await allPages(outsider, 'vecchissimo', sort, 100);
      if (sort === 'recent') expect(ids).toEqual(old);
      else expect(new Set(ids)).toEqual(new Set(old.slice(0, searchRepo.RANKED_CANDIDATES)));
    }
  }, 60_000);

  it("never shows a private lab's post to a non-member, even the newest match; its members see it", async () => {
    for (const word of ['antichissimo', 'vecchissimo', 'saltuario', 'frequente']) {
      const first = (
        await ctx.request({ method: 'GET', url: `/api/search?q=${word}&sort=recent`, as: outsider })
      ).json() as { items: Array<{ postId: number; tableId: number }> };
      expect(first.items.map((i) => i.postId)).not.toContain(newestId);
      const mine = (await ctx.request({ method: 'GET', url: `/api/search?q=${word}&sort=recent`, as: member })).json();
      expect(mine.items[0].postId).toBe(newestId);
    }
  });

  it('pages through every match newest first, rare and common words alike', async () => {
    for (const [word, asMember] of [
      ['saltuario', false],
      ['saltuario', true],
      ['frequente', false],
    ] as const) {
      const expected = (await reference(word, asMember)).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      const ids = await allPages(asMember ? member : outsider, word, 'recent', 100);
      expect(ids, `${word} as ${asMember ? 'member' : 'outsider'}`).toEqual(expected);
    }
  }, 60_000);

  it('ranks exactly the newest candidates, page after page', async () => {
    for (const asMember of [false, true]) {
      const newest = (await reference('frequente', asMember)).slice(0, searchRepo.RANKED_CANDIDATES);
      const expected = [...newest].sort((x, y) => y.rank - x.rank || y.id - x.id).map((r) => r.id);
      const ids = await allPages(asMember ? member : outsider, 'frequente', 'relevance', 100);
      expect(ids).toEqual(expected);
    }
  }, 60_000);

  it('a search that outlasts its time limit fails as a statement timeout', async () => {
    const viewer = { id: memberId, role: 'participant' as const };
    await expect(
      ctx.db
        .transaction()
        .execute((tx) =>
          searchRepo.search(tx, viewer, 'frequente', {}, 'relevance', undefined, 21, { timeLimitMs: 0 }),
        ),
    ).rejects.toMatchObject({ code: '57014' });
  });
});
