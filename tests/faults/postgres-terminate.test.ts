import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { withAdminClient } from '../support/databases.js';
import { newTable, newThread, newUser, signedIn } from '../support/factories.js';
import { freePort, type ServerProcess, startServer } from '../support/server-process.js';
import { TestSmtp } from '../support/smtp.js';
import { messageCounts, type Person, until } from './helpers.js';

let ctx: TestContext;
let smtp: TestSmtp;
let server: ServerProcess;
let origin: string;
let author: Person;
let reader: Person;
let threadId: number;

beforeAll(async () => {
  smtp = new TestSmtp();
  const smtpUrl = await smtp.start();
  ctx = await createTestContext({ SMTP_URL: smtpUrl, POST_MAX_PER_WINDOW: '10000' });
  author = (await signedIn(ctx)) as Person;
  reader = (await signedIn(ctx)) as Person;
  const table = await newTable(ctx, { kind: 'lab', members: [author.user, reader.user] });
  threadId = (await newThread(ctx, reader.session, { tableId: table.id })).thread.id;
  await ctx.db.updateTable('users').set({ email_watched: 'immediately' }).where('id', '=', reader.user.id).execute();

  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // The api and its worker as `npm start` runs them, against this file's database.
  server = await startServer('node', ['apps/api/dist/main.js', '--with-worker'], {
    NODE_ENV: 'test',
    DATABASE_URL: ctx.config.databaseUrl,
    REDIS_URL: ctx.config.redisUrl ?? 'none',
    REDIS_PREFIX: ctx.config.redisPrefix,
    SMTP_URL: smtpUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: origin,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'silent',
    NOTIFY_EMAIL_DELAY_SECONDS: '0',
    POST_MAX_PER_WINDOW: '10000',
    JOB_RETRY_BASE_MS: '200',
    JOB_RETRY_MAX_MS: '1000',
  });
  await until('the worker to be ready', async () => (await ready()).status === 200, 30_000);
});
afterAll(async () => {
  await server?.stop();
  await ctx.close();
  await smtp.stop();
});

const ready = async () => {
  const response = await fetch(`${origin}/readyz`).catch(() => undefined);
  return {
    status: response?.status ?? 0,
    body: (await response?.json().catch(() => ({}))) as { checks?: Record<string, string> },
  };
};

const reply = (as: Session, body: string) =>
  fetch(`${origin}/api/threads/${threadId}/posts`, {
    method: 'POST',
    headers: { cookie: as.cookie, origin, 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  }).then(
    (r) => r.status,
    () => 0,
  );

const workerPids = () => [...server.output().matchAll(/Worker started \(pid (\d+)\)/g)].map((m) => Number(m[1]));

/** Cuts every connection to this file's database, as a PostgreSQL restart or failover does. */
const terminateConnections = () =>
  withAdminClient((c) =>
    c.query(
      'select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [new URL(ctx.config.databaseUrl).pathname.slice(1)],
    ),
  );

describe('PostgreSQL dropping every connection', () => {
  it('under light load: the worker stays up, requests recover at once, and every mail goes out', async () => {
    const pidsBefore = workerPids();
    expect(pidsBefore).toHaveLength(1);
    const statuses: number[] = [];
    const resets: string[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 3; i++) statuses.push(await reply(author.session, `Giro ${round}, risposta ${i}`));
      const user = await newUser(ctx, { email: `reset-${round}@example.it` });
      const reset = await fetch(`${origin}/api/auth/password-reset`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email }),
      });
      expect(reset.status).toBeLessThan(300);
      resets.push(user.email);
      // Cut while the relay and the mail jobs are at work.
      await terminateConnections();
      // A request caught by the cut may fail, cleanly; the next ones succeed.
      let recovered = 0;
      await until(
        'a reply to succeed after the cut',
        async () => {
          const status = await reply(author.session, `Dopo il taglio ${round}`);
          statuses.push(status);
          if (status === 201) recovered++;
          return recovered > 0;
        },
        10_000,
        200,
      );
      const after = await Promise.all([1, 2, 3, 4, 5].map((i) => reply(author.session, `Subito dopo ${round}.${i}`)));
      expect(after).toEqual([201, 201, 201, 201, 201]);
    }
    expect(statuses.every((s) => s === 201 || (s >= 500 && s < 600))).toBe(true);

    // Every reply that was written has its notification and its mail to the watcher; every reset arrived.
    const written = await ctx.db
      .selectFrom('posts')
      .select('id')
      .where('thread_id', '=', threadId)
      .where('author_id', '=', author.user.id)
      .execute();
    expect(written.length).toBeGreaterThanOrEqual(statuses.filter((s) => s === 201).length);
    const notified = () =>
      ctx.db
        .selectFrom('notifications')
        .select(['id', 'post_id', 'emailed_at'])
        .where('user_id', '=', reader.user.id)
        .where(
          'post_id',
          'in',
          written.map((p) => p.id),
        )
        .execute();
    let missing: string[] = [];
    await until(
      'every notification and mail',
      async () => {
        const rows = await notified();
        const arrived = new Set(smtp.received.map((m) => m.parsed.messageId));
        missing = [
          ...written.filter((p) => !rows.some((n) => n.post_id === p.id)).map((p) => `notification for post ${p.id}`),
          ...rows
            .filter((n) => !arrived.has(`<notification-${n.id}@hubspoke>`))
            .map((n) => `mail of notification ${n.id}`),
          ...resets.filter((email) => smtp.to(email).length === 0).map((email) => `reset to ${email}`),
        ];
        return missing.length === 0;
      },
      30_000,
    ).catch((error) => {
      throw new Error(`${(error as Error).message}; missing: ${missing.join(', ')}`);
    });
    for (const count of messageCounts(smtp).values()) expect(count).toBeLessThanOrEqual(2);

    // The same worker process all along, and it is counted ready.
    expect(workerPids()).toEqual(pidsBefore);
    expect(server.output()).not.toMatch(/worker exited/i);
    const state = await ready();
    expect(state.status).toBe(200);
    expect(state.body.checks?.worker).toBe('up');
  });

  it('a worker that dies is started again while the api keeps serving; /readyz fails meanwhile', async () => {
    const started = workerPids().length;
    const [pid] = workerPids().slice(-1);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid as number, 'SIGKILL');
    await until(
      '/readyz to report the worker down',
      async () => {
        const state = await ready();
        return state.status === 503 && state.body.checks?.worker === 'down';
      },
      10_000,
      50,
    );
    expect(await reply(author.session, 'Mentre il worker riparte')).toBe(201);
    await until('a new worker', () => workerPids().length === started + 1, 15_000);
    await until('/readyz to be ready again', async () => (await ready()).status === 200, 30_000);
    expect(server.child.exitCode).toBeNull();
  });
});
