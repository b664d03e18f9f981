import { activityRepo, type DB, postRepo, searchRepo, threadRepo } from '@hubspoke/db';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newTable, newUser } from '../support/factories.js';

/**
 * The hot queries must be served by indexes. Seeds a few thousand threads and tens of
 * thousands of posts straight in SQL, captures the SQL our repositories really send, and
 * checks PostgreSQL's plan for it.
 */
let ctx: TestContext;
let captured: CompiledQuery[] = [];
let db: Kysely<DB>;
let viewer: { id: number; role: 'participant' };
let tableId: number;
let threadId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  const user = await newUser(ctx);
  viewer = { id: user.id, role: 'participant' };
  const tables = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      newTable(ctx, { kind: i % 2 ? 'lab' : 'regional', members: i < 5 ? [user] : [] }),
    ),
  );
  tableId = (tables[0] as { id: number }).id;
  await sql`
    insert into threads (table_id, focus_area, kind, title, author_id, last_post_number, post_count, participant_count, last_activity_at, created_at)
    select (array[${sql.join(tables.map((t) => t.id))}]::bigint[])[1 + g % 20], case when g % 2 = 0 then 'cultura' else 'innovazione' end,
           'discussion', 'Discussione numero ' || g, ${user.id}, 10, 10, 1, now() - g * interval '1 minute', now() - g * interval '1 minute'
    from generate_series(1, 4000) g`.execute(ctx.db);
  await sql`
    insert into posts (thread_id, number, author_id, body, body_html, created_at, search_vector)
    select t.id, n, ${user.id}, 'Messaggio ' || n || ' sul patrimonio culturale e la cooperazione ' || t.id, '<p>x</p>', t.created_at,
           to_tsvector('hubspoke_italian', 'Messaggio sul patrimonio culturale e la cooperazione ' || t.id) || to_tsvector('hubspoke_english', 'cooperation ' || t.id)
    from threads t cross join generate_series(1, 10) n`.execute(ctx.db);
  await sql`analyze`.execute(ctx.db);
  threadId = (
    await ctx.db.selectFrom('threads').select('id').where('table_id', '=', tableId).limit(1).executeTakeFirstOrThrow()
  ).id;
  // A second Kysely on the same database that records the SQL each repository call sends.
  db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: ctx.config.databaseUrl, max: 1 }) }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await ctx.close();
});

async function planOf(run: () => Promise<unknown>, which: (sql: string) => boolean = () => true): Promise<string> {
  captured = [];
  await run();
  const query = captured.filter((q) => which(q.sql)).at(-1);
  if (!query) throw new Error('no query captured');
  const client = new pg.Client({ connectionString: ctx.config.databaseUrl });
  await client.connect();
  try {
    const result = await client.query(`explain ${query.sql}`, query.parameters as unknown[]);
    return result.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}

describe('query plans', () => {
  it('the table thread list walks the (table, pinned, activity) index', async () => {
    const plan = await planOf(() => threadRepo.list(db, viewer, { tableId }, undefined, 21));
    expect(plan).toMatch(/threads_table_list_idx/);
    expect(plan).not.toMatch(/Seq Scan on threads/);
  });

  it('the list across everything visible walks the activity index', async () => {
    const plan = await planOf(() => threadRepo.list(db, viewer, {}, undefined, 21));
    expect(plan).toMatch(/threads_list_idx/);
    expect(plan).not.toMatch(/Seq Scan on threads/);
  });

  it('a thread page reads posts by (thread, number)', async () => {
    const plan = await planOf(() => postRepo.page(db, threadId, 0, 21, viewer.id));
    expect(plan).toMatch(/posts_thread_number_key/);
    expect(plan).not.toMatch(/Seq Scan on posts/);
  });

  it('the latest activity walks the posts by creation time, newest first', async () => {
    const plan = await planOf(() => activityRepo.latestPosts(db, viewer, undefined, 11));
    expect(plan).toMatch(/posts_created_idx/);
    expect(plan).not.toMatch(/Seq Scan on posts/);
  });

  it('search looks for matches through the GIN index', async () => {
    // The statement that looks in a window of post ids (the last one fetches the page by id).
    const plan = await planOf(
      () => searchRepo.search(db, viewer, 'cooperazione 17', {}, 'relevance', undefined, 21),
      (text) => text.includes('search_vector @@') && text.includes('limit'),
    );
    expect(plan).toMatch(/posts_search_idx/);
    expect(plan).not.toMatch(/Seq Scan on posts/);
  });
});
