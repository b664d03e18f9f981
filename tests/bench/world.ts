import type pg from 'pg';

export interface BenchUser {
  id: number;
  cookie: string;
  /** Tables this user is a member of (may post there). */
  memberOf: number[];
}

export interface World {
  tokenPrefix: string;
  /** Participants, spread over the id range, with their memberships. */
  users: BenchUser[];
  /** Thread id and last post number, by table. */
  threadsByTable: Map<number, Array<{ id: number; last: number }>>;
  /** Tables everyone may read. */
  openTables: number[];
  /** Search terms from the most common word to one in 0.1% of posts (see text.ts). */
  searchTerms: string[];
  /** The busiest thread in a table everyone may read. */
  hot: { id: number; tableId: number; members: BenchUser[] };
}

export const cookieFor = (prefix: string, userId: number) => `hs_session=${prefix}${userId}`;

/** What the scenarios need to know about the seeded data, read back from PostgreSQL. */
export async function loadWorld(pool: pg.Pool, tokenPrefix: string): Promise<World> {
  const users = await pool.query<{ id: number; tables: number[] }>(
    `select u.id::int, array_agg(m.table_id::int order by m.table_id) as tables
     from users u join table_members m on m.user_id = u.id where u.role = 'participant' group by u.id order by u.id`,
  );
  const toUser = (r: { id: number; tables: number[] }): BenchUser => ({
    id: r.id,
    cookie: cookieFor(tokenPrefix, r.id),
    memberOf: r.tables,
  });
  const threads = await pool.query<{ id: number; table_id: number; last: number }>(
    'select id::int, table_id::int, last_post_number as last from threads',
  );
  const threadsByTable = new Map<number, Array<{ id: number; last: number }>>();
  for (const t of threads.rows) {
    const list = threadsByTable.get(t.table_id) ?? [];
    list.push({ id: t.id, last: t.last });
    threadsByTable.set(t.table_id, list);
  }
  const open = await pool.query<{ id: number }>("select id::int from tables where visibility = 'participants'");
  const hot = await pool.query<{ id: number; table_id: number }>(
    `select t.id::int, t.table_id::int from threads t join tables b on b.id = t.table_id
     where b.visibility = 'participants' order by t.post_count desc limit 1`,
  );
  const meta = await pool.query<{ terms: string[] }>('select terms from bench_meta');
  const hotRow = hot.rows[0];
  if (!hotRow) throw new Error('no thread in an open table');
  const all = users.rows.map(toUser);
  return {
    tokenPrefix,
    users: all,
    threadsByTable,
    openTables: open.rows.map((r) => r.id),
    searchTerms: meta.rows[0]?.terms ?? [],
    hot: { id: hotRow.id, tableId: hotRow.table_id, members: all.filter((u) => u.memberOf.includes(hotRow.table_id)) },
  };
}

/** `count` users spread evenly over the id range. */
export function spread<T>(list: T[], count: number): T[] {
  const step = list.length / count;
  return Array.from({ length: Math.min(count, list.length) }, (_, i) => list[Math.floor(i * step)] as T);
}

export const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
