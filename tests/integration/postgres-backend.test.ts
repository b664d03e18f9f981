import { type Backend, openBackend, QUEUE_NAME } from '@hubspoke/jobs';
import { startWorker } from '@hubspoke/worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newTable, newThread, signedIn } from '../support/factories.js';

/** The pieces Redis provides, done by PostgreSQL alone (`REDIS_URL=none`). */
let ctx: TestContext;
let backend: Backend;
const errors: Error[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ REDIS_URL: 'none' });
  backend = await openBackend(ctx.config, ctx.db, (error) => errors.push(error));
});
afterAll(async () => {
  await backend.close();
  await ctx.close();
});

const windowEnded = async (key: string) =>
  (
    await ctx.db
      .selectFrom('rate_limit_counters')
      .select(sql<boolean>`window_ends_at <= now()`.as('ended'))
      .where('key', '=', key)
      .executeTakeFirstOrThrow()
  ).ended;

describe('the PostgreSQL-only backend', () => {
  it('is what the configuration chose, and /readyz reports it with PostgreSQL as its only dependency', async () => {
    expect(backend.kind).toBe('postgres');
    const ready = await ctx.request({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ backend: 'postgres', checks: { postgres: 'up' } });
    expect(Object.keys(ready.json().checks)).toEqual(['postgres']);
  });

  it('wakes listeners through NOTIFY, and again after losing the listening connection', async () => {
    let wakes = 0;
    const stop = await backend.events.listen(() => {
      wakes++;
    });
    try {
      backend.events.publish([41, 42]);
      await expect.poll(() => wakes, { timeout: 2_000 }).toBe(1);

      // What a PostgreSQL restart or a network cut does to the listener.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
                where application_name = 'hubspoke-listen' and datname = current_database()`.execute(ctx.db);
      // It reconnects, then wakes once for whatever was announced while it was away.
      await expect.poll(() => wakes, { timeout: 5_000 }).toBe(2);
      backend.events.publish([43]);
      await expect.poll(() => wakes, { timeout: 2_000 }).toBe(3);
    } finally {
      await stop();
    }
    // A listener started now hears the next announcement; by then the stopped one would have too.
    let heard = 0;
    const stopLater = await backend.events.listen(() => {
      heard++;
    });
    try {
      backend.events.publish([44]);
      await expect.poll(() => heard, { timeout: 2_000 }).toBe(1);
    } finally {
      await stopLater();
    }
    expect(wakes).toBe(3);
    // The lost connection was reported, not thrown.
    expect(errors.map((e) => (e as Error & { code?: string }).code)).toEqual(['57P01']);
    errors.length = 0;
  });

  it('keeps deployments with long prefixes on channels PostgreSQL accepts, apart from each other', async () => {
    const long = await openBackend({ ...ctx.config, redisPrefix: 'x'.repeat(100) }, ctx.db, (e) => errors.push(e));
    let wakes = 0;
    let others = 0;
    const stop = await long.events.listen(() => {
      wakes++;
    });
    const stopOthers = await backend.events.listen(() => {
      others++;
    });
    try {
      long.events.publish([7]);
      await expect.poll(() => wakes, { timeout: 2_000 }).toBe(1);
      // Once a later announcement on the same channel is heard, the first would have reached
      // `others` too, were both deployments on one channel.
      long.events.publish([8]);
      await expect.poll(() => wakes, { timeout: 2_000 }).toBe(2);
      expect(others).toBe(0);
      // `others` does hear its own deployment, and only it does.
      backend.events.publish([9]);
      await expect.poll(() => others, { timeout: 2_000 }).toBe(1);
      expect(wakes).toBe(2);
    } finally {
      await stop();
      await stopOthers();
      await long.close();
    }
    expect(errors).toEqual([]);
  });

  it('counts concurrent attempts exactly once each, and starts a new window when one ends', async () => {
    const hits = await Promise.all(Array.from({ length: 40 }, () => backend.rateLimits.hit('login:a@example.it', 60)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const hit of hits) expect(hit.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    for (const hit of hits) expect(hit.retryAfterSeconds).toBeLessThanOrEqual(60);

    expect((await backend.rateLimits.hit('post:7', 1)).count).toBe(1);
    expect((await backend.rateLimits.hit('post:7', 1)).count).toBe(2);
    // About time: the window ends by PostgreSQL's clock (now()), which a test cannot move; wait for that moment.
    await expect.poll(() => windowEnded('post:7'), { timeout: 3_000, interval: 50 }).toBe(true);
    expect((await backend.rateLimits.hit('post:7', 1)).count).toBe(1);

    await backend.rateLimits.reset('login:a@example.it');
    expect((await backend.rateLimits.hit('login:a@example.it', 60)).count).toBe(1);
  });

  it('runs the worker: jobs kept in the bullmq schema, its heartbeat counted, outbox events handled', async () => {
    const worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
    try {
      await expect
        .poll(async () => (await ctx.request({ method: 'GET', url: '/readyz' })).json().workers, { timeout: 5_000 })
        .toBe(1);
      const author = await signedIn(ctx);
      const table = await newTable(ctx, { members: [author.user] });
      await newThread(ctx, author.session, { tableId: table.id });
      // The relay turns the thread's outbox event into a fan-out job, stored in PostgreSQL.
      await expect
        .poll(
          async () =>
            (
              await sql<{ n: number }>`select count(*)::int as n from bullmq.job where name = 'event.fanout'`.execute(
                ctx.db,
              )
            ).rows[0]?.n,
          { timeout: 10_000 },
        )
        .toBeGreaterThan(0);
      await expect
        .poll(
          async () =>
            (await ctx.db.selectFrom('events').select('relayed_at').where('name', '=', 'thread.created').execute()).map(
              (e) => e.relayed_at !== null,
            ),
          { timeout: 10_000 },
        )
        .toEqual([true]);
    } finally {
      await worker.close();
    }
    const after = await ctx.request({ method: 'GET', url: '/readyz' });
    expect(after.json().workers).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows its jobs on the admin queue board, to admins only', async () => {
    const queue = backend.createQueue();
    try {
      await queue.add('sessions.cleanup', {}, { jobId: 'later', delay: 3_600_000 });
    } finally {
      await queue.close();
    }
    const admin = await signedIn(ctx, { role: 'admin' });
    const board = await ctx.request({ method: 'GET', url: '/admin/queues/api/queues', as: admin.session });
    expect(board.statusCode).toBe(200);
    const shown = board.json().queues.find((q: { name: string }) => q.name === QUEUE_NAME);
    expect(shown?.counts.delayed).toBe(1);
    const participant = await signedIn(ctx);
    const refused = await ctx.request({ method: 'GET', url: '/admin/queues/api/queues', as: participant.session });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    const anonymous = await ctx.request({ method: 'GET', url: '/admin/queues/api/queues' });
    expect(anonymous.statusCode).toBe(401);
  });
});
