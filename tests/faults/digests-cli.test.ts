import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { signedIn } from '../support/factories.js';
import { ROOT } from '../support/server-process.js';
import { TestSmtp } from '../support/smtp.js';
import { dueDigestReaders, messageCounts, type Person } from './helpers.js';

let ctx: TestContext;
let smtp: TestSmtp;
let smtpUrl: string;

beforeAll(async () => {
  // Slow enough that the two runs overlap on the same digests.
  smtp = new TestSmtp(30);
  smtpUrl = await smtp.start();
  ctx = await createTestContext({ SMTP_URL: smtpUrl });
});
afterAll(async () => {
  await ctx.close();
  await smtp.stop();
});

/** `npm run admin -- digests --now`, as a separate process, bounded in time. */
function digestsNow(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['apps/api/dist/cli/admin.js', 'digests', '--now'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: ctx.config.databaseUrl, REDIS_URL: 'none', SMTP_URL: smtpUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`digests --now did not finish:\n${output}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('two `digests --now` at once', () => {
  it('both succeed, a digest the other is sending counts as in progress, and each goes out once', async () => {
    const author = (await signedIn(ctx)) as Person;
    const readers = await dueDigestReaders(ctx, author, 20);

    const runs = await Promise.all([digestsNow(), digestsNow()]);
    for (const run of runs) {
      expect(run.output).not.toMatch(/failed: [1-9]/);
      expect(run.code, run.output).toBe(0);
    }
    const total = (key: string) =>
      runs.reduce((sum, run) => sum + Number(new RegExp(`${key}: (\\d+)`).exec(run.output)?.[1] ?? 0), 0);
    // The readers, and whoever else is due (the author, by the default preference).
    expect(total('sent')).toBe(smtp.received.length);
    expect(total('sent')).toBeGreaterThanOrEqual(20);
    // The runs overlapped: each found digests the other was sending.
    expect(total('in_progress')).toBeGreaterThan(0);
    for (const reader of readers) expect(smtp.to(reader.user.email), reader.user.email).toHaveLength(1);
    expect([...messageCounts(smtp).values()].every((n) => n === 1)).toBe(true);
  });
});
