import { eventRepo } from '@hubspoke/db';
import { defaultJobOptions, eventJobId } from '@hubspoke/jobs';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newTable, newThread, newUser, signedIn } from '../support/factories.js';
import { completedJob, untilNoJobsPending } from '../support/jobs.js';
import { TestSmtp } from '../support/smtp.js';

const WATCHERS = 120;

let ctx: TestContext;
let smtp: TestSmtp;
let worker: RunningWorker;

beforeAll(async () => {
  smtp = new TestSmtp();
  ctx = await createTestContext({
    SMTP_URL: await smtp.start(),
    // Long enough to look at the scheduled batches before they run.
    NOTIFY_EMAIL_DELAY_SECONDS: '4',
    JOB_RETRY_BASE_MS: '200',
    JOB_RETRY_MAX_MS: '500',
  });
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await smtp.stop();
});

describe('a new thread in a table many people watch', () => {
  it('mails every watcher once, in a few jobs of 50, through a re-run of its fan-out and a refusing server', async () => {
    const author = await signedIn(ctx);
    const watchers = [];
    for (let i = 0; i < WATCHERS; i += 20)
      watchers.push(...(await Promise.all(Array.from({ length: 20 }, () => newUser(ctx)))));
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, ...watchers] });
    const ids = watchers.map((w) => w.id);
    await ctx.db.updateTable('users').set({ email_watched: 'immediately' }).where('id', 'in', ids).execute();
    await ctx.db
      .insertInto('table_subscriptions')
      .values(ids.map((id) => ({ user_id: id, table_id: table.id, level: 'watching' as const })))
      .execute();

    const { thread } = await newThread(ctx, author.session, { tableId: table.id, title: 'Bando per la cultura' });
    const event = (await eventRepo.listAfter(ctx.db, 0, 100_000)).find(
      (e) => e.name === 'thread.created' && (e.data.thread as { id?: number } | undefined)?.id === thread.id,
    );
    if (!event) throw new Error('no outbox event for the thread');
    const fanOut = await completedJob(worker.queue, eventJobId(event.id));
    expect(fanOut).toEqual({ notifications: WATCHERS, mails: WATCHERS });

    // The same event fanned out again while the mails wait out the grace period: the batches
    // it schedules carry the job ids of the ones already waiting, so none is added.
    await worker.queue.add(
      'event.fanout',
      { eventId: event.id },
      { ...defaultJobOptions, jobId: `again-${event.id}`, removeOnComplete: false },
    );
    await completedJob(worker.queue, `again-${event.id}`);
    const batches = (await worker.queue.getJobs(['delayed'])).filter(
      (job) => job?.name === 'notification.emails' && job.id?.startsWith(`notification-mails-${eventJobId(event.id)}-`),
    );
    expect(batches.map((job) => job.data.notificationIds.length).sort((a, b) => b - a)).toEqual([50, 50, 20]);

    // A few mails refused: their batches fail, and the retries send only what is left.
    smtp.refuse(7);
    const addresses = new Set(watchers.map((w) => w.email));
    const received = () => smtp.received.filter((m) => addresses.has(m.to));
    await expect.poll(() => received().length, { timeout: 30_000, interval: 200 }).toBe(WATCHERS);
    await untilNoJobsPending(worker.queue, (job) => job.name === 'notification.emails');
    expect(new Set(received().map((m) => m.to)).size).toBe(WATCHERS);
    expect(received()).toHaveLength(WATCHERS);
    const unmailed = await ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('event_id', '=', event.id)
      .where('emailed_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(unmailed.n)).toBe(0);
  }, 90_000);
});
