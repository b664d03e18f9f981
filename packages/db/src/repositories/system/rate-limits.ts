import { sql } from 'kysely';
import type { Executor } from '../../connection.js';

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

/**
 * Sign-in backoff for one key (an account and an IP): `hits` counts failures and
 * `window_ends_at` is the last attempt plus `forgetSeconds`, when the failures are forgotten.
 * Once `free` failures are reached, the next attempt waits `baseSeconds`, doubling with each
 * further failure up to `forgetSeconds`. The attempt is counted as a failure before the password
 * is checked, in one statement, so parallel guesses cannot slip through; a success clears it.
 * Returns how long to wait when refused, or 0 when the attempt may proceed.
 */
export async function reserveBackoffAttempt(
  db: Executor,
  key: string,
  limits: { free: number; baseSeconds: number; forgetSeconds: number },
): Promise<number> {
  const forget = sql`make_interval(secs => ${limits.forgetSeconds})`;
  // The wait after `hits` failures, counted from the last attempt (window_ends_at - forget).
  const waitUntil = sql`c.window_ends_at - ${forget} + make_interval(secs => least(${limits.forgetSeconds}::float8,
    case when c.hits < ${limits.free} then 0 else ${limits.baseSeconds}::float8 * power(2, least(c.hits - ${limits.free}, 30)) end))`;
  const { rows } = await sql<{ hits: number }>`
    insert into rate_limit_counters as c (key, hits, window_ends_at) values (${key}, 1, now() + ${forget})
    on conflict (key) do update set
      hits = case when c.window_ends_at <= now() then 1 else c.hits + 1 end,
      window_ends_at = now() + ${forget}
    where c.window_ends_at <= now() or ${waitUntil} <= now()
    returning hits`.execute(db);
  if (rows.length > 0) return 0;
  const { rows: waiting } = await sql<{ seconds_left: number }>`
    select ceil(extract(epoch from ${waitUntil} - now()))::int as seconds_left
    from rate_limit_counters as c where c.key = ${key}`.execute(db);
  return Math.max(1, waiting[0]?.seconds_left ?? 1);
}

/**
 * A fixed-window ceiling that a caller reserves before an attempt and releases when the attempt
 * turns out not to count (a correct password): only failures stay counted. Returns how long to
 * wait when the ceiling is reached, or 0 when the attempt may proceed.
 */
export async function reserveCeiling(db: Executor, key: string, max: number, windowSeconds: number): Promise<number> {
  const window = sql`now() + make_interval(secs => ${windowSeconds})`;
  const { rows } = await sql<{ hits: number }>`
    insert into rate_limit_counters as c (key, hits, window_ends_at) values (${key}, 1, ${window})
    on conflict (key) do update set
      hits = case when c.window_ends_at <= now() then 1 else c.hits + 1 end,
      window_ends_at = case when c.window_ends_at <= now() then ${window} else c.window_ends_at end
    where c.window_ends_at <= now() or c.hits < ${max}
    returning hits`.execute(db);
  if (rows.length > 0) return 0;
  const { rows: waiting } = await sql<{ seconds_left: number }>`
    select ceil(extract(epoch from window_ends_at - now()))::int as seconds_left
    from rate_limit_counters where key = ${key}`.execute(db);
  return Math.max(1, waiting[0]?.seconds_left ?? 1);
}

/** Gives back one reserved attempt. */
export async function release(db: Executor, key: string): Promise<void> {
  await db
    .updateTable('rate_limit_counters')
    .set((eb) => ({ hits: sql<number>`greatest(${eb.ref('hits')} - 1, 0)` }))
    .where('key', '=', key)
    .execute();
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
