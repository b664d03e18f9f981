import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newUser, signedIn } from '../support/factories.js';
import { TestSmtp } from '../support/smtp.js';
import { dueDigestReaders, messageCounts, type Person, until } from './helpers.js';

let ctx: TestContext;
let smtp: TestSmtp;
let worker: RunningWorker | undefined;

beforeAll(async () => {
  smtp = new TestSmtp();
  ctx = await createTestContext({
    SMTP_URL: await smtp.start(),
    POST_MAX_PER_WINDOW: '10000',
    // Fast retries that give up after two seconds: every job fails for good while the server
    // refuses, so only the sweep can bring the mails through.
    JOB_RETRY_BASE_MS: '100',
    JOB_RETRY_MAX_MS: '400',
    JOB_RETRY_FOR_SECONDS: '2',
    MAIL_SWEEP_SECONDS: '1',
  });
});
afterAll(async () => {
  await worker?.close();
  await ctx.close();
  await smtp.stop();
});

/** No send job left waiting, running or scheduled for a retry: nothing more can arrive. */
async function queueSettled(): Promise<boolean> {
  const jobs = await worker?.queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
  return (jobs ?? []).every((job) => job.name !== 'mail.send' && job.name !== 'digest.send');
}

describe('an SMTP server answering 451 for longer than the jobs retry', () => {
  it('still gets every password reset and digest once it accepts again, each exactly once', async () => {
    const author = (await signedIn(ctx)) as Person;
    const readers = await dueDigestReaders(ctx, author, 4);
    const resets = await Promise.all([1, 2, 3, 4, 5].map((i) => newUser(ctx, { email: `reset-${i}@example.it` })));

    smtp.refuseFor(6_000);
    const refusedFrom = Date.now();
    worker = await startWorker(ctx.config, { log: () => {} });
    for (const user of resets) {
      const reply = await ctx.request({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { email: user.email },
      });
      expect(reply.statusCode).toBeLessThan(300);
    }
    // The first jobs fail for good while the server refuses.
    await until(
      'a send job to fail for good',
      async () => (await worker?.queue.getJobs(['failed']))?.some((j) => j.name === 'mail.send') ?? false,
      10_000,
    );
    expect(smtp.received).toHaveLength(0);

    const expected = [...resets.map((u) => u.email), ...readers.map((r) => r.user.email)];
    await until('every mail', () => expected.every((email) => smtp.to(email).length > 0), 30_000);
    expect(Date.now() - refusedFrom).toBeGreaterThanOrEqual(6_000);
    await until('the queue to settle', queueSettled, 10_000);
    const unsent = await ctx.db.selectFrom('mail_outbox').select('id').where('sent_at', 'is', null).execute();
    expect(unsent).toEqual([]);
    for (const email of expected) expect(smtp.to(email), email).toHaveLength(1);
    expect([...messageCounts(smtp).values()].every((n) => n === 1)).toBe(true);
    const sends = await ctx.db
      .selectFrom('digest_sends')
      .select('status')
      .where(
        'user_id',
        'in',
        readers.map((r) => r.user.id),
      )
      .execute();
    expect(sends.map((s) => s.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });
});
