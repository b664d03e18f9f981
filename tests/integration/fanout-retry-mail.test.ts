import { eventRepo } from '@hubspoke/db';
import { fanOutEvent } from '@hubspoke/domain';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { TestSmtp } from '../support/smtp.js';

let ctx: TestContext;
let smtp: TestSmtp;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  smtp = new TestSmtp();
  ctx = await createTestContext({ SMTP_URL: await smtp.start(), NOTIFY_EMAIL_DELAY_SECONDS: '0' });
});
afterAll(async () => {
  await worker?.close();
  await ctx.close();
  await smtp.stop();
});

describe('a fan-out run again after its notifications were written', () => {
  it('still mails them: a run that committed and then failed leaves the retry nothing new to write', async () => {
    const watcher = await signedIn(ctx, { email: 'osservatrice@comune.example.it' });
    const author = await signedIn(ctx);
    const table = await newTable(ctx, { members: [watcher.user, author.user] });
    await ctx.db.updateTable('users').set({ email_watched: 'immediately' }).where('id', '=', watcher.user.id).execute();
    const { thread } = await newThread(ctx, watcher.session, { tableId: table.id });
    const post = await newReply(ctx, author.session, thread.id, 'Risposta scritta mentre il worker era fermo.');

    // The first run wrote the notification and died before scheduling its mail (no worker yet).
    const events = await eventRepo.listAfter(ctx.db, 0, 10_000);
    const source = events.find((e) => e.name === 'post.created' && e.data.id === post.id);
    if (!source) throw new Error('no outbox event for the reply');
    const first = await fanOutEvent({ db: ctx.db }, source);
    const notification = first.notifications.find((n) => n.user_id === watcher.user.id);
    if (!notification) throw new Error('the watcher was not notified');

    // The retry: the worker relays the event and runs the fan-out again.
    worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
    await expect
      .poll(() => smtp.received.map((m) => m.parsed.messageId), { timeout: 15_000 })
      .toContain(`<notification-${notification.id}@hubspoke>`);
    expect(
      smtp.received.filter((m) => m.parsed.messageId === `<notification-${notification.id}@hubspoke>`),
    ).toHaveLength(1);
  });
});
