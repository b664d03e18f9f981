import { sql } from 'kysely';
import type { Executor } from '../connection.js';

/**
 * Counts one attempt in a fixed window, in one statement so concurrent attempts never lose a
 * count: an expired window restarts at 1.
 */
export async function hit(
  db: Executor,
  key: string,
  windowSeconds: number,
): Promise<{ count: number; retryAfterSeconds: number }> {
  const window = sql`now() + make_interval(secs => ${windowSeconds})`;
  const { rows } = await sql<{ hits: number; seconds_left: number }>`
    insert into rate_limit_counters as c (key, hits, window_ends_at) values (${key}, 1, ${window})
    on conflict (key) do update set
      hits = case when c.window_ends_at <= now() then 1 else c.hits + 1 end,
      window_ends_at = case when c.window_ends_at <= now() then ${window} else c.window_ends_at end
    returning hits, ceil(extract(epoch from window_ends_at - now()))::int as seconds_left`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('rate limit counter not written');
  return { count: row.hits, retryAfterSeconds: Math.max(1, row.seconds_left) };
}

export async function reset(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('rate_limit_counters').where('key', '=', key).execute();
}

export async function removeExpired(db: Executor): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit_counters')
    .where('window_ends_at', '<', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
