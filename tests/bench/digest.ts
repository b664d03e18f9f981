import { loadavg } from 'node:os';
import { mailSink } from './mail-sink.js';
import { cpuSecondsOf, machineCpu } from './memory.js';

export interface DigestResult {
  status: 'done';
  /** People due at once (10,000 at every scale). */
  users: number;
  sent: number;
  empty: number;
  seconds: number;
  perSecond: number;
  /** Message-IDs the SMTP server received more than once. */
  duplicates: number;
  /** Digests still unfinished when the run gave up (0 when every one was sent or found empty). */
  unfinished: number;
  /** Digests another process sent (the api's own worker planning the same people): not counted as ours. */
  sentElsewhere: number;
  /** People created for the run on top of the seeded ones (kept for the next run, following nothing). */
  addedPeople: number;
  /** CPU seconds during the run: the worker and SMTP server (this process), and the worker's PostgreSQL backends. */
  cpuSeconds: { benchProcess: number; postgres: number };
  /** Share of the machine's CPU busy with anything else meanwhile, in percent. */
  othersBusyPercent: number;
  /** 1-minute load average before and after the run. */
  loadAverage: { before: number; after: number };
  /** "10,000 in ≤ 30 s, none twice". */
  met: boolean;
}

const DUE = 10_000;
const TARGET_SECONDS = 30;
/** The people the bench adds: never seeded, always removed. */
const EXTRA_EMAIL = '%@digest-bench.example.it';
/** Each added person belongs to this many tables and watches one, as seeded people do. */
const MEMBERSHIPS = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 10,000 people due a daily digest at once, at every scale: the seeded people and as many more
 * as it takes, with memberships and watches like theirs. The real worker (`startWorker`, its
 * own queue) plans and sends them, batching as it does in production, to a real SMTP server:
 * total time, throughput, and whether any digest went out twice or not at all.
 */
export async function digest(databaseUrl: string): Promise<DigestResult> {
  const { loadConfig } = await import('@hubspoke/config');
  const { createDb } = await import('@hubspoke/db');
  const { startWorker } = await import('@hubspoke/worker');
  const { sql } = await import('kysely');
  const smtp = await mailSink();
  const prefix = `digest-bench-${process.pid}`;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtp.url,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: prefix,
    NODE_ENV: 'test',
  });
  const db = createDb(databaseUrl, { max: 2, applicationName: 'hubspoke-bench-digest' });
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  let addedPeople = 0;
  try {
    // Nobody is due while the stage is set: the api's own worker must not start on them meanwhile.
    await db.updateTable('users').set({ digest: 'off' }).execute();
    for (let i = 0; i < 100; i++) {
      const sending = await db
        .selectFrom('digest_sends')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'sending')
        .executeTakeFirstOrThrow();
      if (Number(sending.n) === 0) break;
      await sleep(300);
    }
    addedPeople = await addPeople(db, sql);
    await db.deleteFrom('digest_sends').execute();
    await db
      .updateTable('users')
      .set({ digest: 'daily', digest_hour: 0, timezone: 'UTC', digest_skip_if_active: false })
      .execute();
    const { n: due } = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    worker = await startWorker(config, { schedules: false, log: () => {} });
    const load = loadavg()[0] ?? 0;
    const machineBefore = machineCpu();
    const benchBefore = process.cpuUsage();
    const started = performance.now();
    await worker.queue.add('digests.plan', {}, { jobId: `plan-${Date.now()}` });
    let finished = { done: 0, sent: 0, empty: 0 };
    const deadline = started + 10 * TARGET_SECONDS * 1000;
    // Done when every due person's digest is stamped sent or empty.
    for (;;) {
      const rows = await db
        .selectFrom('digest_sends')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
      finished = { sent: count('sent'), empty: count('empty'), done: count('sent') + count('empty') };
      if (finished.done >= Number(due) || performance.now() > deadline) break;
      await sleep(50);
    }
    const seconds = (performance.now() - started) / 1000;
    const bench = process.cpuUsage(benchBefore);
    const machine = machineCpu();
    const backends = await db
      .selectFrom(sql<{ pid: number }>`pg_stat_activity`.as('a'))
      .select('a.pid')
      .where(sql.ref('a.application_name'), '=', 'hubspoke-worker')
      .execute();
    const postgres = backends.reduce((sum, b) => sum + cpuSecondsOf(b.pid), 0);
    const benchProcess = (bench.user + bench.system) / 1e6;
    const busy = machine.busy - machineBefore.busy;
    const total = machine.total - machineBefore.total;
    const othersBusyPercent = total > 0 ? Math.max(0, Math.round((100 * (busy - benchProcess - postgres)) / total)) : 0;
    const duplicates = smtp.ids.length - new Set(smtp.ids).size;
    const sentElsewhere = Math.max(0, finished.sent - new Set(smtp.ids).size);
    const ours = finished.sent - sentElsewhere;
    const result: DigestResult = {
      status: 'done',
      users: Number(due),
      sent: ours,
      empty: finished.empty,
      seconds,
      perSecond: ours / seconds,
      duplicates,
      unfinished: Number(due) - finished.done,
      sentElsewhere,
      addedPeople,
      cpuSeconds: { benchProcess: round(benchProcess), postgres: round(postgres) },
      othersBusyPercent,
      loadAverage: { before: round(load), after: round(loadavg()[0] ?? 0) },
      met: Number(due) >= DUE && finished.done >= Number(due) && seconds <= TARGET_SECONDS && duplicates === 0,
    };
    console.log(
      `  digest: ${due} due, ${ours} sent, ${finished.empty} empty in ${seconds.toFixed(1)} s ` +
        `(${result.perSecond.toFixed(0)}/s); ${duplicates} duplicates, ${result.unfinished} unfinished` +
        `${sentElsewhere ? `, ${sentElsewhere} sent by another worker` : ''}; CPU s: worker+smtp ${result.cpuSeconds.benchProcess}, ` +
        `postgres ${result.cpuSeconds.postgres}, others ${othersBusyPercent}% of the machine; load ${result.loadAverage.before} → ${result.loadAverage.after}; ` +
        `10,000 in ≤ ${TARGET_SECONDS} s: ${result.met ? 'met' : 'NOT met'}`,
    );
    return result;
  } finally {
    if (worker) {
      await worker.queue.obliterate({ force: true }).catch(() => {});
      await worker.close();
    }
    // Other scenarios reuse this database: the added people stay (deleting users checks every
    // table that names one, which takes minutes) but follow nothing, so no scenario picks them;
    // and digests are off again, so no worker sends any in the middle of a measurement.
    await leaveTables(db, sql);
    await db.updateTable('users').set({ digest: 'off' }).execute();
    await db.deleteFrom('digest_sends').execute();
    await db.destroy();
    await smtp.close();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Enough people, on top of the seeded ones, for 10,000 in all: each a member of four tables
 * spread evenly, watching one, and every fifth watching a focus area, as tests/bench/seed.ts
 * makes them; so most have something in their digest, and some tables' threads are theirs only.
 */
async function addPeople(
  db: import('kysely').Kysely<import('@hubspoke/db').DB>,
  sql: typeof import('kysely').sql,
): Promise<number> {
  await leaveTables(db, sql);
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const missing = Math.max(0, DUE - Number(n));
  await sql`
    with created as (
      insert into users (email, handle, display_name, role, ente_id, password_hash, created_at, last_seen_at, previous_visit_at)
      select 'lettore' || g || '@digest-bench.example.it', 'lettore' || g,
        (array['Anna','Marco','Giulia','Luca','Sara'])[1 + g % 5] || ' Lettore ' || g,
        'participant', (select min(id) from enti), 'bench: no sign-in', now() - interval '3 years', now() - interval '2 days',
        now() - interval '3 days'
      from generate_series(1, ${missing}::int) g
      on conflict do nothing
    ), added as (
      select id from users where email like ${EXTRA_EMAIL}
    ), tabs as (
      select id, row_number() over (order by id) - 1 as i, count(*) over () as c from tables
    ), members as (
      insert into table_members (table_id, user_id)
      select t.id, a.id from added a, generate_series(0, ${MEMBERSHIPS - 1}) j, tabs t
      where t.i = (a.id + j * greatest(t.c / ${MEMBERSHIPS}, 1)) % t.c
      on conflict do nothing
    ), watches as (
      insert into table_subscriptions (user_id, table_id, level)
      select a.id, t.id, 'watching' from added a, tabs t where t.i = a.id % t.c
      on conflict do nothing
    )
    insert into focus_area_subscriptions (user_id, focus_area, level)
    select a.id, 'cultura', 'watching' from added a where a.id % 5 = 0
    on conflict do nothing`.execute(db);
  const { n: added } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('email', 'like', EXTRA_EMAIL)
    .executeTakeFirstOrThrow();
  return Number(added);
}

/** The added people's memberships and watches go, so they follow nothing between runs. */
async function leaveTables(
  db: import('kysely').Kysely<import('@hubspoke/db').DB>,
  sql: typeof import('kysely').sql,
): Promise<void> {
  const extra = sql<number>`(select id from users where email like ${EXTRA_EMAIL})`;
  await db.deleteFrom('table_members').where('user_id', 'in', extra).execute();
  await db.deleteFrom('table_subscriptions').where('user_id', 'in', extra).execute();
  await db.deleteFrom('focus_area_subscriptions').where('user_id', 'in', extra).execute();
}
