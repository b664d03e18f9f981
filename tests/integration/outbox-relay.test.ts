import { defaultJobOptions, QUEUE_NAME } from '@hubspoke/jobs';
import { OutboxRelay } from '@hubspoke/worker';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, REDIS_URL, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';

let ctx: TestContext;
let connection: Redis;
let queue: Queue;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '100000' });
  connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection, prefix: ctx.config.redisPrefix, defaultJobOptions });
});
afterAll(async () => {
  await queue.close();
  connection.disconnect();
  await ctx.close();
});

describe('outbox relay', () => {
  it('two relays racing enqueue every event exactly once, and mark them relayed', async () => {
    const { user, session } = await signedIn(ctx);
    const table = await newTable(ctx, { members: [user] });
    const { thread } = await newThread(ctx, session, { tableId: table.id });
    for (let i = 0; i < 30; i++) await newReply(ctx, session, thread.id, `r${i}`);
    const relays = [new OutboxRelay(ctx.db, queue, () => {}), new OutboxRelay(ctx.db, queue, () => {})];
    let handled = 0;
    for (;;) {
      const counts = await Promise.all(relays.map((r) => r.relayOnce()));
      handled += counts.reduce((a, b) => a + b, 0);
      if (counts.every((c) => c === 0)) break;
    }
    const events = await ctx.db.selectFrom('events').select(['id', 'relayed_at']).execute();
    expect(handled).toBe(events.length);
    expect(events.every((e) => e.relayed_at !== null)).toBe(true);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed']);
    const ids = jobs.map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(31);
  });

  it('enqueueing the same event again is a no-op', async () => {
    const before = await queue.getJobCounts('waiting');
    const event = await ctx.db
      .selectFrom('events')
      .select('id')
      .where('name', '=', 'post.created')
      .executeTakeFirstOrThrow();
    await queue.add('event.fanout', { eventId: event.id }, { jobId: `event-${event.id}` });
    expect(await queue.getJobCounts('waiting')).toEqual(before);
  });

  it('leaves events waiting in PostgreSQL while Redis is unreachable, and relays them later', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    down.on('error', () => {});
    const deadQueue = new Queue(QUEUE_NAME, { connection: down, prefix: ctx.config.redisPrefix });
    deadQueue.on('error', () => {});
    const { user, session } = await signedIn(ctx);
    const table = await newTable(ctx, { members: [user] });
    const { thread } = await newThread(ctx, session, { tableId: table.id });
    const post = await newReply(ctx, session, thread.id, 'mentre Redis dorme');
    await expect(new OutboxRelay(ctx.db, deadQueue, () => {}).relayOnce()).rejects.toThrow();
    const pending = await ctx.db.selectFrom('events').select('id').where('relayed_at', 'is', null).execute();
    expect(pending.length).toBeGreaterThanOrEqual(2);
    expect(await new OutboxRelay(ctx.db, queue, () => {}).relayOnce()).toBe(pending.length);
    const job = await queue.getJob(`event-${pending.at(-1)?.id}`);
    expect(job?.data).toEqual({ eventId: pending.at(-1)?.id });
    expect(post.id).toBeGreaterThan(0);
    await deadQueue.close().catch(() => {});
    down.disconnect();
  });
});
