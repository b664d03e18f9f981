import { eventJobId } from '@hubspoke/jobs';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, newThread, newUser, signedIn } from '../support/factories.js';
import { completedJob, untilNoJobsPending } from '../support/jobs.js';
import { TestSmtp } from '../support/smtp.js';

let ctx: TestContext;
let smtp: TestSmtp;
let worker: RunningWorker;

beforeAll(async () => {
  smtp = new TestSmtp();
  const smtpUrl = await smtp.start();
  ctx = await createTestContext({ SMTP_URL: smtpUrl, NOTIFY_EMAIL_DELAY_SECONDS: '1', POST_MAX_PER_WINDOW: '10000' });
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await smtp.stop();
});

describe('account mails', () => {
  it('an invitation reaches the SMTP server with HTML and text parts and a working link', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const email = 'invitata@comune.example.it';
    await ctx.request({
      method: 'POST',
      url: '/api/invitations',
      as: admin.session,
      payload: { email, role: 'participant' },
    });
    await expect.poll(() => smtp.to(email).length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.to(email)[0]?.parsed;
    expect(mail?.subject).toBe('Sei invitato in Hub&Spoke Community');
    expect(mail?.html).toContain('Accetta l’invito');
    expect(mail?.text).toMatch(/http:\/\/forum\.test\/invito\/[a-z2-7]+/);
    const token = mail?.text?.match(/invito\/([a-z2-7]+)/)?.[1];
    const accepted = await ctx.request({
      method: 'POST',
      url: '/api/auth/accept-invitation',
      payload: { token, password: 'una password lunga', displayName: 'Invitata' },
    });
    expect(accepted.statusCode).toBe(201);
  });

  it('a password reset arrives in the person’s language', async () => {
    const user = await newUser(ctx, { email: 'english.speaker@example.it' });
    await ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', user.id).execute();
    await ctx.request({ method: 'POST', url: '/api/auth/password-reset', payload: { email: user.email } });
    await expect.poll(() => smtp.to(user.email).length, { timeout: 10_000 }).toBe(1);
    expect(smtp.to(user.email)[0]?.parsed.subject).toBe('Reset your password');
  });

  it('an SMTP server refusing for a while gets the mail once it recovers, exactly once', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const email = 'paziente@example.it';
    smtp.refuse(2);
    await ctx.request({
      method: 'POST',
      url: '/api/invitations',
      as: admin.session,
      payload: { email, role: 'participant' },
    });
    await expect.poll(() => smtp.to(email).length, { timeout: 20_000, interval: 250 }).toBe(1);
    // The job that sent it has completed, and no other is left to send anything: a second copy
    // could only have come from one of them.
    const mail = await ctx.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('recipient', '=', email)
      .executeTakeFirstOrThrow();
    const queued = await ctx.db
      .selectFrom('events')
      .select('id')
      .where('name', '=', 'mail.queued')
      .where(sql<number>`(data->>'mailId')::bigint`, '=', mail.id)
      .executeTakeFirstOrThrow();
    await completedJob(worker.queue, eventJobId(queued.id));
    await untilNoJobsPending(worker.queue, (job) => job.name === 'mail.send');
    expect(smtp.to(email)).toHaveLength(1);
  });
});

describe('notification mails', () => {
  type Person = { user: { id: number; email: string; handle: string }; session: Session };
  let author: Person;
  let reader: Person;
  let tableId: number;
  beforeAll(async () => {
    author = await signedIn(ctx);
    reader = await signedIn(ctx);
    tableId = (await newTable(ctx, { kind: 'lab', members: [author.user, reader.user] })).id;
  });

  it('a mention is mailed after the grace period, with one-click unsubscribe headers', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    await ctx.request({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      as: author.session,
      payload: { body: `Che ne pensi @${reader.user.handle}?` },
    });
    await expect.poll(() => smtp.to(reader.user.email).length, { timeout: 15_000 }).toBe(1);
    const mail = smtp.to(reader.user.email)[0]?.parsed;
    expect(mail?.subject).toMatch(/ti ha menzionato/);
    expect(mail?.html).toContain('Che ne pensi');
    // Unfold the headers (long ones are wrapped onto continuation lines).
    const raw = (smtp.to(reader.user.email)[0]?.raw ?? '').replace(/\r?\n[ \t]+/g, ' ').replace(/\r/g, '');
    expect(raw).toMatch(/^List-Unsubscribe: <http:\/\/forum\.test\/email\/unsubscribe\/[\w.-]+>$/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  });

  it('is skipped when the post was read during the grace period', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    const before = smtp.to(reader.user.email).length;
    const post = (
      await ctx.request({
        method: 'POST',
        url: `/api/threads/${thread.id}/posts`,
        as: author.session,
        payload: { body: `Letto subito @${reader.user.handle}` },
      })
    ).json().post;
    await ctx.request({
      method: 'PUT',
      url: `/api/threads/${thread.id}/read`,
      as: reader.session,
      payload: { postNumber: post.number },
    });
    // Wait past the grace period and the job that would have sent it.
    const notifications = () =>
      ctx.db.selectFrom('notifications').select(['id', 'event_id']).where('post_id', '=', post.id).execute();
    await expect.poll(async () => (await notifications()).length, { timeout: 10_000 }).toBe(1);
    const [mention] = await notifications();
    if (!mention) throw new Error('no notification');
    // The fan-out schedules the mail's job before it completes; once that job has run too,
    // nothing is left that could send it.
    await completedJob(worker.queue, eventJobId(mention.event_id));
    await untilNoJobsPending(
      worker.queue,
      (job) => job.name === 'notification.emails' && job.data.notificationIds.includes(mention.id),
    );
    expect(smtp.to(reader.user.email).length).toBe(before);
  });
});
