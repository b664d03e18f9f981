import { sql } from 'kysely';
import type { Executor } from '../connection.js';

export interface DueDigest {
  user_id: number;
  period: string;
  frequency: 'daily' | 'weekly';
}

/**
 * Who is due a digest at `now`, with the period it covers (`d2026-11-29`, `w2026-W48`), computed
 * in each person's own time zone; people already served for that period are left out.
 * A weekly digest left unsent on its day (service down) goes out later that week.
 */
export async function due(db: Executor, now: Date): Promise<DueDigest[]> {
  const result = await sql<DueDigest>`
    with local as (
      select id, digest, digest_hour, digest_weekday, (${now}::timestamptz at time zone timezone) as t
      from users where digest <> 'off'
    ), candidates as (
      select id as user_id, digest as frequency,
        case when digest = 'daily' then 'd' || to_char(t, 'YYYY-MM-DD') else 'w' || to_char(t, 'IYYY-"W"IW') end as period
      from local
      where (digest = 'daily' and extract(hour from t) >= digest_hour)
         or (digest = 'weekly' and (extract(isodow from t) > digest_weekday
              or (extract(isodow from t) = digest_weekday and extract(hour from t) >= digest_hour)))
    )
    select c.user_id, c.period, c.frequency from candidates c
    where not exists (select 1 from digest_sends s where s.user_id = c.user_id and s.period = c.period)
    order by c.user_id`.execute(db);
  return result.rows;
}

/** End of the last digest that went out (or was found empty): the next one starts there. */
export async function lastCoveredUntil(db: Executor, userId: number): Promise<Date | undefined> {
  const row = await db
    .selectFrom('digest_sends')
    .select('covers_to')
    .where('user_id', '=', userId)
    .where('status', '<>', 'sending')
    .orderBy('covers_to', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.covers_to;
}

/**
 * Claims a period for sending: `claimed`, or `done` when it was handled already, or `busy` when
 * another worker claimed it less than `staleAfterMs` ago (an older claim belonged to a worker
 * that died, and is taken over).
 */
export async function claim(
  db: Executor,
  userId: number,
  period: string,
  from: Date,
  to: Date,
  now: Date,
  staleAfterMs: number,
): Promise<'claimed' | 'done' | 'busy'> {
  const inserted = await db
    .insertInto('digest_sends')
    .values({ user_id: userId, period, status: 'sending', claimed_at: now, covers_from: from, covers_to: to })
    .onConflict((oc) => oc.columns(['user_id', 'period']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return 'claimed';
  const taken = await db
    .updateTable('digest_sends')
    .set({ claimed_at: now, covers_from: from, covers_to: to })
    .where('user_id', '=', userId)
    .where('period', '=', period)
    .where('status', '=', 'sending')
    .where('claimed_at', '<', new Date(now.getTime() - staleAfterMs))
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) > 0) return 'claimed';
  const current = await db
    .selectFrom('digest_sends')
    .select('status')
    .where('user_id', '=', userId)
    .where('period', '=', period)
    .executeTakeFirst();
  return current?.status === 'sending' ? 'busy' : 'done';
}

export async function finish(
  db: Executor,
  userId: number,
  period: string,
  status: 'sent' | 'empty' | 'skipped',
  messageId: string | null,
  at: Date,
): Promise<void> {
  await db
    .updateTable('digest_sends')
    .set({ status, message_id: messageId, sent_at: status === 'sent' ? at : null })
    .where('user_id', '=', userId)
    .where('period', '=', period)
    .execute();
}

/** Lets a failed attempt be retried at once rather than after the stale-claim delay. */
export async function release(db: Executor, userId: number, period: string): Promise<void> {
  await db
    .deleteFrom('digest_sends')
    .where('user_id', '=', userId)
    .where('period', '=', period)
    .where('status', '=', 'sending')
    .execute();
}
