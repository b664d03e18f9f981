import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { ROOT } from '../support/server-process.js';
import { TestSmtp } from '../support/smtp.js';
import { dueDigestReaders, messageCounts, type Person, until } from './helpers.js';

let ctx: TestContext;
let smtp: TestSmtp;
let smtpUrl: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // Each message takes a moment, so the kill finds mails in flight.
  smtp = new TestSmtp(60);
  smtpUrl = await smtp.start();
  ctx = await createTestContext({ SMTP_URL: smtpUrl, POST_MAX_PER_WINDOW: '10000' });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await ctx.close();
  await smtp.stop();
});

/** `npm run start:worker` against this file's database, resolved once it says it is ready. */
async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn('node', ['apps/worker/dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: ctx.config.databaseUrl,
      REDIS_URL: ctx.config.redisUrl ?? 'none',
      REDIS_PREFIX: ctx.config.redisPrefix,
      SMTP_URL: smtpUrl,
      MIGRATE_ON_START: 'false',
      NOTIFY_EMAIL_DELAY_SECONDS: '0',
      DIGEST_STALE_CLAIM_MS: '2000',
      JOB_RETRY_BASE_MS: '200',
      JOB_RETRY_MAX_MS: '1000',
      MAIL_SWEEP_SECONDS: '1',
      // The killed worker's jobs are taken over within seconds, not the default half minute.
      JOB_LOCK_MS: '3000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stderr?.on('data', (c) => (output += c));
  child.stdout?.on('data', (c) => (output += c));
  await until('the worker to be ready', () => output.includes('Worker ready') || child.exitCode !== null, 30_000, 50);
  if (child.exitCode !== null) throw new Error(`worker exited:\n${output}`);
  return child;
}

describe('a worker killed while mails go out', () => {
  it('loses no digest and no notification mail; at most the ones in flight go out twice', async () => {
    const author = (await signedIn(ctx)) as Person;
    const readers = await dueDigestReaders(ctx, author, 30);
    const watcher = (await signedIn(ctx)) as Person;
    const table = await newTable(ctx, { kind: 'lab', members: [author.user, watcher.user] });
    const { thread } = await newThread(ctx, watcher.session, { tableId: table.id });
    await ctx.db.updateTable('users').set({ email_watched: 'immediately' }).where('id', '=', watcher.user.id).execute();
    for (let i = 0; i < 10; i++) await newReply(ctx, author.session, thread.id, `Risposta ${i}`);

    const first = await startWorkerProcess();
    await until('the first mails', () => smtp.received.length >= 8, 30_000, 20);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const beforeRestart = smtp.received.length;

    await startWorkerProcess();
    const notificationIds = async () =>
      (await ctx.db.selectFrom('notifications').select('id').where('user_id', '=', watcher.user.id).execute()).map(
        (n) => `<notification-${n.id}@hubspoke>`,
      );
    const expected = [...readers.map((r) => r.user.email)];
    await until(
      'every digest and notification mail',
      async () => {
        const ids = await notificationIds();
        const arrived = messageCounts(smtp);
        return ids.length === 10 && ids.every((id) => arrived.has(id)) && expected.every((e) => smtp.to(e).length > 0);
      },
      90_000,
      250,
    );
    expect(smtp.received.length).toBeGreaterThan(beforeRestart);
    const sends = await ctx.db
      .selectFrom('digest_sends')
      .select('status')
      .where(
        'user_id',
        'in',
        readers.map((r) => r.user.id),
      )
      .execute();
    expect(sends.filter((s) => s.status === 'sent')).toHaveLength(30);
    // At most the mails in flight at the kill (the worker sends up to ten at once) went out twice.
    const twice = [...messageCounts(smtp).values()].filter((n) => n > 1);
    expect(twice.every((n) => n === 2)).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(10);
  });
});
