import { sql } from 'kysely';
import type { Executor } from '../../connection.js';
import type { UserRow } from '../../schema.js';

/** A parameter in a select list or a `case` has no column to take its type from: say it. */
const timestamp = (value: Date) => sql<Date>`${value}::timestamptz`;

export interface DueDigest {
  user_id: number;
  period: string;
  frequency: 'daily' | 'weekly';
}

/**
 * Who is due a digest at `now`, with the period it covers (`d2026-11-29`, `w2026-W48`), computed
 * in each person's own time zone; people already served for that period are left out, and
 * so are those whose period is being sent right now. A claim made before `staleBefore`
 * belonged to a worker that died mid-send: that period is due again.
 * A weekly digest left unsent on its day (service down) goes out later that week.
 */
export async function due(db: Executor, now: Date, staleBefore: Date): Promise<DueDigest[]> {
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
    where not exists (
      select 1 from digest_sends s where s.user_id = c.user_id and s.period = c.period
        and (s.status <> 'sending' or s.claimed_at >= ${staleBefore}::timestamptz)
    )
    order by c.user_id`.execute(db);
  return result.rows;
}

/**
 * The person, and whether their period is now theirs to send: `claimed` with the window's start
 * (where the last digest that went out or was empty ended); `done` when the period was handled
 * already; `busy` while another worker is sending it.
 */
export type PeriodClaim =
  | { user: UserRow; claim: 'claimed'; from: Date }
  | { user: UserRow; claim: 'done' }
  | { user: UserRow; claim: 'busy' }
  | { user: UserRow; claim: 'off' };

/**
 * Reads the person and claims their period in one statement (a digest is a handful of
 * statements, so each one saved counts). The claim is a row in `sending` state covering
 * (end of the previous digest, now], or `firstFrom[frequency]` to now for a first digest. A
 * `sending` row claimed before `staleBefore` belonged to a worker that died and is taken over.
 * Nothing is claimed for people who turned digests off (`off`); undefined when the person
 * no longer exists.
 */
export async function claimPeriod(
  db: Executor,
  claim: {
    userId: number;
    period: string;
    now: Date;
    staleBefore: Date;
    firstFrom: { daily: Date; weekly: Date };
  },
): Promise<PeriodClaim | undefined> {
  const { userId, period, now } = claim;
  const row = await db
    .with('claimed', (qc) =>
      qc
        .insertInto('digest_sends')
        .columns(['user_id', 'period', 'status', 'claimed_at', 'covers_from', 'covers_to'])
        .expression((eb) =>
          eb
            .selectFrom('users')
            .select((s) => [
              'users.id',
              sql<string>`${period}::text`.as('period'),
              sql.lit('sending').as('status'),
              timestamp(now).as('claimed_at'),
              s.fn
                .coalesce(
                  s
                    .selectFrom('digest_sends')
                    .select('digest_sends.covers_to')
                    .whereRef('digest_sends.user_id', '=', 'users.id')
                    .where('digest_sends.status', '<>', 'sending')
                    .orderBy('digest_sends.covers_to', 'desc')
                    .limit(1),
                  s
                    .case()
                    .when('users.digest', '=', 'daily')
                    .then(timestamp(claim.firstFrom.daily))
                    .else(timestamp(claim.firstFrom.weekly))
                    .end(),
                )
                .as('covers_from'),
              timestamp(now).as('covers_to'),
            ])
            .where('users.id', '=', userId)
            .where('users.digest', '<>', 'off'),
        )
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'period'])
            .doUpdateSet((eb) => ({
              claimed_at: eb.ref('excluded.claimed_at'),
              covers_from: eb.ref('excluded.covers_from'),
              covers_to: eb.ref('excluded.covers_to'),
            }))
            .where('digest_sends.status', '=', 'sending')
            .where('digest_sends.claimed_at', '<', claim.staleBefore),
        )
        .returning('covers_from'),
    )
    .selectFrom('users')
    .leftJoin('claimed', (join) => join.onTrue())
    .selectAll('users')
    .select((eb) => [
      'claimed.covers_from as claimed_from',
      // Seen as of the statement's start: a row another worker inserted meanwhile reads as
      // missing, and is then reported busy (its retry will find it done).
      eb
        .selectFrom('digest_sends')
        .select('digest_sends.status')
        .where('digest_sends.user_id', '=', userId)
        .where('digest_sends.period', '=', period)
        .as('earlier_status'),
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { claimed_from, earlier_status, ...user } = row;
  if (user.digest === 'off') return { user, claim: 'off' };
  if (claimed_from) return { user, claim: 'claimed', from: claimed_from };
  if (earlier_status === 'sending' || earlier_status === null) return { user, claim: 'busy' };
  return { user, claim: 'done' };
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

/**
 * Renews this worker's claim just before its mail goes out, if it is still this worker's (claimed
 * at `claimedAt`, not yet taken over as stale): a batch claims many periods at once and may reach
 * the last of them late, when another worker could have taken the claim over.
 */
export async function renewClaim(
  db: Executor,
  userId: number,
  period: string,
  claimedAt: Date,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('digest_sends')
    .set({ claimed_at: at })
    .where('user_id', '=', userId)
    .where('period', '=', period)
    .where('status', '=', 'sending')
    .where('claimed_at', '=', claimedAt)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
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

/** One person's claim from `claimPeriods`, keyed by the period asked for. */
export type BatchClaim = PeriodClaim & { period: string };

/**
 * `claimPeriod` for many people in one statement, with the same outcomes: a claimed period's
 * row is `sending` until `finish` stamps it. People who no longer exist are left out. Rows are
 * inserted in key order, so two batches claiming some of the same people wait for each other
 * instead of deadlocking; a period the other batch took reads as busy.
 */
export async function claimPeriods(
  db: Executor,
  claim: {
    digests: ReadonlyArray<{ userId: number; period: string }>;
    now: Date;
    staleBefore: Date;
    firstFrom: { daily: Date; weekly: Date };
  },
): Promise<BatchClaim[]> {
  // One row per person and period: a statement may not claim the same row twice.
  const wanted = [...new Map(claim.digests.map((d) => [`${d.userId} ${d.period}`, d])).values()];
  if (wanted.length === 0) return [];
  const { now } = claim;
  const result = await sql<UserRow & { period: string; claimed_from: Date | null; earlier_status: string | null }>`
    with wanted as (
      select * from unnest(${wanted.map((d) => d.userId)}::int8[], ${wanted.map((d) => d.period)}::text[])
        as w(user_id, period)
    ), claimed as (
      insert into digest_sends (user_id, period, status, claimed_at, covers_from, covers_to)
      select u.id, w.period, 'sending', ${timestamp(now)}, coalesce(
          (select s.covers_to from digest_sends s where s.user_id = u.id and s.status <> 'sending'
            order by s.covers_to desc limit 1),
          case when u.digest = 'daily' then ${timestamp(claim.firstFrom.daily)} else ${timestamp(claim.firstFrom.weekly)} end),
        ${timestamp(now)}
      from wanted w join users u on u.id = w.user_id
      where u.digest <> 'off'
      order by u.id, w.period
      on conflict (user_id, period) do update
        set claimed_at = excluded.claimed_at, covers_from = excluded.covers_from, covers_to = excluded.covers_to
        where digest_sends.status = 'sending' and digest_sends.claimed_at < ${timestamp(claim.staleBefore)}
      returning user_id, period, covers_from
    )
    select u.*, w.period, c.covers_from as claimed_from,
      -- Seen as of the statement's start, as in claimPeriod.
      (select s.status from digest_sends s where s.user_id = w.user_id and s.period = w.period) as earlier_status
    from wanted w
    join users u on u.id = w.user_id
    left join claimed c on c.user_id = w.user_id and c.period = w.period
    order by u.id`.execute(db);
  return result.rows.map(({ period, claimed_from, earlier_status, ...user }): BatchClaim => {
    if (user.digest === 'off') return { user, period, claim: 'off' };
    if (claimed_from) return { user, period, claim: 'claimed', from: claimed_from };
    if (earlier_status === 'sending' || earlier_status === null) return { user, period, claim: 'busy' };
    return { user, period, claim: 'done' };
  });
}

/** `finish` for many periods that sent nothing (`empty`, `skipped`), in one statement. */
export async function finishUnsent(
  db: Executor,
  done: ReadonlyArray<{ userId: number; period: string; status: 'empty' | 'skipped' }>,
): Promise<void> {
  if (done.length === 0) return;
  await sql`
    update digest_sends s set status = d.status, message_id = null, sent_at = null
    from unnest(${done.map((d) => d.userId)}::int8[], ${done.map((d) => d.period)}::text[], ${done.map((d) => d.status)}::text[])
      as d(user_id, period, status)
    where s.user_id = d.user_id and s.period = d.period`.execute(db);
}
