import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient } from '../support/live.js';
import { freePort, ROOT, type ServerProcess, startServer } from '../support/server-process.js';
import { TestSmtp } from '../support/smtp.js';

/**
 * `npm start` on a machine where neither PostgreSQL nor Redis answers at the default addresses:
 * the defaults point at ports nobody listens on, DATABASE_URL and REDIS_URL are unset.
 */
let dataDir: string;
let env: Record<string, string>;
let server: ServerProcess | undefined;
const smtp = new TestSmtp();
const PASSWORD = 'demo-hubspoke-2026';

beforeAll(async () => {
  // The embedded server runs as the `postgres` user when we are root: it must reach the folder.
  dataDir = await mkdtemp(join(tmpdir(), 'hubspoke-zero-'));
  await chmod(dataDir, 0o755);
  const port = await freePort();
  env = {
    DATABASE_URL: '',
    REDIS_URL: '',
    DEFAULT_DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/hubspoke`,
    DEFAULT_REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SMTP_URL: await smtp.start(),
    NOTIFY_EMAIL_DELAY_SECONDS: '0',
    LOG_LEVEL: 'warn',
  };
});

const lockFile = () => join(dataDir, 'postgres', 'postmaster.pid');

afterAll(async () => {
  await server?.stop();
  await smtp.stop();
  // The embedded server runs in a process group of its own: after a failed test it may still run.
  const lock = await readFile(lockFile(), 'utf8').catch(() => '');
  const pid = Number(lock.split('\n')[0]);
  if (pid) process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && existsSync(lockFile()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  await rm(dataDir, { recursive: true, force: true });
});

/** Asynchronous, so the SMTP server in this process keeps answering while the command sends. */
const admin = (args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'admin', '--', ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

function api(url: string, cookie: string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, origin: url, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}

describe('npm start with nothing but Node', () => {
  let threadId: number;

  it('runs on an embedded PostgreSQL without Redis: sign-in, thread, reply live over /ws, a digest by mail', async () => {
    server = await startServer('npm', ['start', '--silent'], env, 120_000);
    expect(server.output()).toMatch(/PostgreSQL: embedded, data in .*hubspoke-zero-.*\/postgres/);
    expect(server.output()).toMatch(/Redis: not used/);
    // Ready once the worker it started is up too.
    const url = server.url;
    await expect.poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 30_000 }).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toMatchObject({ backend: 'postgres', checks: { postgres: 'up' } });

    // The admin command finds the embedded server the running forum started.
    const seeded = await admin(['seed-demo']);
    expect(seeded.stderr).toBe('');
    expect(seeded.status).toBe(0);

    const giulia = api(url, await signIn(url, 'giulia.bari@demo.hubspoke.it'));
    const marco = api(url, await signIn(url, 'moderatore@demo.hubspoke.it'));
    const tables = await giulia('GET', '/api/tables');
    const lab = tables.body.items.find((t: { name: string }) => t.name === 'Laboratorio Bari');
    const created = await giulia('POST', '/api/threads', {
      tableId: lab.id,
      focusArea: 'cultura',
      kind: 'discussion',
      title: 'Biblioteche di quartiere senza server',
      body: 'Come organizziamo le aperture serali?',
    });
    expect(created.status).toBe(201);
    threadId = created.body.thread.id;

    const live = await LiveClient.connect(`${url.replace('http', 'ws')}/ws`, {
      session: { cookie: await signIn(url, 'giulia.bari@demo.hubspoke.it') },
      origin: url,
    });
    await live.subscribe([`thread:${threadId}`]);
    const reply = await marco('POST', `/api/threads/${threadId}/posts`, {
      body: 'Partiamo dal martedì, con i volontari.',
      replyTo: created.body.post.id,
    });
    expect(reply.status).toBe(201);
    const delivered = await live.waitFor((m) => m.type === 'event' && m.name === 'post.created', 0, 10_000);
    expect(delivered.data.id).toBe(reply.body.post.id);
    live.socket.close();

    // The worker's fan-out job (BullMQ on PostgreSQL) gives Giulia her notification.
    await expect
      .poll(async () => (await giulia('GET', '/api/notifications')).body.unread, { timeout: 20_000 })
      .toBeGreaterThan(0);

    expect((await giulia('PATCH', '/api/me/preferences', { digest: 'daily', digestHour: 0 })).status).toBe(200);
    const digests = await admin(['digests', '--now']);
    expect(digests.stderr).toBe('');
    expect(digests.status).toBe(0);
    await expect
      .poll(() => smtp.to('giulia.bari@demo.hubspoke.it').filter((m) => /riepilogo/.test(m.parsed.subject ?? '')), {
        timeout: 20_000,
      })
      .toHaveLength(1);
    const digest = smtp.to('giulia.bari@demo.hubspoke.it').find((m) => /riepilogo/.test(m.parsed.subject ?? ''));
    expect(digest?.parsed.text).toMatch(/Biblioteche di quartiere senza server/);

    await server.stop('SIGTERM');
    expect(server.output()).toMatch(/Stopped cleanly/);
    expect(server.output()).not.toMatch(/Start failed|Error/);
    expect(existsSync(lockFile())).toBe(false); // the embedded PostgreSQL stopped too
  });

  it('keeps its data across a restart, on the same embedded cluster', async () => {
    server = await startServer('npm', ['start', '--silent'], env, 120_000);
    expect(server.output()).toMatch(/PostgreSQL: embedded/);
    expect(server.output()).not.toMatch(/Creating a PostgreSQL cluster|Created the database|Applied \d+ migration/);
    const giulia = api(server.url, await signIn(server.url, 'giulia.bari@demo.hubspoke.it'));
    const thread = await giulia('GET', `/api/threads/${threadId}`);
    expect(thread.status).toBe(200);
    expect(thread.body.thread.title).toBe('Biblioteche di quartiere senza server');
    expect(thread.body.posts.map((p: { number: number }) => p.number)).toEqual([1, 2]);
    await server.stop('SIGTERM');
    expect(server.output()).toMatch(/Stopped cleanly/);
    expect(existsSync(lockFile())).toBe(false);
  });
});
