import { eventJobId } from '@hubspoke/jobs';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { completedJob, untilNoJobsPending } from '../support/jobs.js';
import { RedisProcess } from '../support/redis-process.js';
import { TestSmtp } from '../support/smtp.js';

let redis: RedisProcess;
let smtp: TestSmtp;
let ctx: TestContext;
let worker: RunningWorker;

beforeAll(async () => {
  redis = new RedisProcess();
  await redis.start();
  smtp = new TestSmtp();
  ctx = await createTestContext({
    REDIS_URL: redis.url,
    SMTP_URL: await smtp.start(),
    NOTIFY_EMAIL_DELAY_SECONDS: '0',
  });
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await smtp.stop();
  await redis.stop();
});

describe('a Redis outage', () => {
  it('loses nothing: replies posted while Redis is down produce every notification and mail, once, when it is back', async () => {
    const author = await signedIn(ctx);
    const reader = await signedIn(ctx);
    const table = await newTable(ctx, { kind: 'lab', members: [author.user, reader.user] });
    const { thread } = await newThread(ctx, reader.session, { tableId: table.id });
    await ctx.db.updateTable('users').set({ email_watched: 'immediately' }).where('id', '=', reader.user.id).execute();

    await redis.stop();
    const posted: number[] = [];
    for (let i = 0; i < 3; i++)
      posted.push((await newReply(ctx, author.session, thread.id, `Scritto senza Redis ${i}`)).id);
    const waiting = await ctx.db
      .selectFrom('events')
      .select('id')
      .where('relayed_at', 'is', null)
      .where('name', '=', 'post.created')
      .execute();
    expect(waiting.length).toBe(3);

    await redis.start();
    const notified = async () =>
      (
        await ctx.db
          .selectFrom('notifications')
          .select('post_id')
          .where('user_id', '=', reader.user.id)
          .where('post_id', 'in', posted)
          .execute()
      ).map((n) => n.post_id);
    await expect
      .poll(async () => (await notified()).sort(), { timeout: 30_000, interval: 250 })
      .toEqual([...posted].sort());
    await expect.poll(() => smtp.to(reader.user.email).length, { timeout: 30_000, interval: 250 }).toBe(3);
    // Every copy would come from the replies' fan-out jobs or the mail jobs they scheduled: once
    // those have all run, nothing more can arrive.
    for (const { id } of waiting) await completedJob(worker.queue, eventJobId(id));
    await untilNoJobsPending(worker.queue, (job) => job.name === 'event.fanout' || job.name === 'notification.emails');
    expect(await notified()).toHaveLength(3);
    expect(smtp.to(reader.user.email)).toHaveLength(3);
  }, 90_000);
});
