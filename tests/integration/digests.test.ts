import { type DigestData, runDigest, systemClock } from '@hubspoke/domain';
import type { JobQueue } from '@hubspoke/jobs';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, newThread, signedIn } from '../support/factories.js';
import { untilNoJobsPending } from '../support/jobs.js';
import { TestSmtp } from '../support/smtp.js';

let ctx: TestContext;
let smtp: TestSmtp;
let workers: RunningWorker[];
/** The one queue both workers take their jobs from. */
let queue: JobQueue;
type Person = { user: { id: number; email: string }; session: Session };
let author: Person;

beforeAll(async () => {
  smtp = new TestSmtp();
  ctx = await createTestContext({ SMTP_URL: await smtp.start(), POST_MAX_PER_WINDOW: '10000' });
  const first = await startWorker(ctx.config, { log: () => {}, schedules: false });
  workers = [first, await startWorker(ctx.config, { log: () => {}, schedules: false })];
  queue = first.queue;
  author = await signedIn(ctx);
});
afterAll(async () => {
  for (const w of workers) await w.close();
  await ctx.close();
  await smtp.stop();
});

/** A reader who wants a daily digest at midnight: due as soon as the planner runs. */
async function dailyReader(locale: 'it' | 'en' = 'it') {
  const reader = await signedIn(ctx);
  await ctx.request({
    method: 'PATCH',
    url: '/api/me/preferences',
    as: reader.session,
    payload: { digest: 'daily', digestHour: 0, locale },
  });
  // Their last digest went out two days ago, so everything below is news.
  await ctx.db
    .updateTable('users')
    .set({ created_at: new Date(Date.now() - 3 * 86_400_000) })
    .where('id', '=', reader.user.id)
    .execute();
  return reader;
}

const plan = async () => {
  // Both workers' queues are the same queue; planning twice at once must still send one digest each.
  await Promise.all(workers.map((w) => w.queue.add('digests.plan', {})));
};

describe('digests', () => {
  it('hold what the reader can see and follows, grouped by focus area and table, in their language; once', async () => {
    const reader = await dailyReader();
    const english = await dailyReader('en');
    const open = await newTable(ctx, {
      kind: 'regional',
      name: 'Tavolo regionale Puglia',
      members: [author.user, reader.user, english.user],
    });
    const lab = await newTable(ctx, { kind: 'lab', name: 'Laboratorio riservato', members: [author.user] });
    await newThread(ctx, author.session, {
      tableId: open.id,
      focusArea: 'cultura',
      title: 'Piano strategico condiviso',
    });
    await newThread(ctx, author.session, {
      tableId: open.id,
      focusArea: 'innovazione',
      kind: 'question',
      title: 'Domanda sullo SPID',
    });
    const muted = await newThread(ctx, author.session, { tableId: open.id, title: 'Discussione silenziata' });
    await ctx.request({
      method: 'PUT',
      url: `/api/threads/${muted.thread.id}/subscription`,
      as: reader.session,
      payload: { level: 'muted' },
    });
    await newThread(ctx, author.session, { tableId: lab.id, title: 'Segreto del laboratorio' });

    await plan();
    await expect
      .poll(() => smtp.to(reader.user.email).length + smtp.to(english.user.email).length, { timeout: 15_000 })
      .toBe(2);
    const mail = smtp.to(reader.user.email)[0]?.parsed;
    expect(mail?.subject).toBe('Hub&Spoke – Il riepilogo di oggi');
    const html = mail?.html || '';
    expect(html).toContain('Piano strategico condiviso');
    expect(html).toContain('Tavolo regionale Puglia');
    expect(html.indexOf('Cultura')).toBeLessThan(html.indexOf('Innovazione'));
    expect(html).toContain('Domande in attesa di risposta');
    expect(html).not.toContain('Segreto del laboratorio');
    expect(html).not.toContain('Discussione silenziata');
    expect(mail?.text).toContain('Piano strategico condiviso');
    expect(smtp.to(english.user.email)[0]?.parsed.subject).toBe('Hub&Spoke – Your daily summary');

    const raw = (smtp.to(reader.user.email)[0]?.raw ?? '').replace(/\r?\n[ \t]+/g, ' ');
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const sends = await ctx.db.selectFrom('digest_sends').selectAll().where('user_id', '=', reader.user.id).execute();
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ status: 'sent', message_id: expect.stringMatching(/^<digest-/) });

    await plan();
    // Both plans, and every digest they sent for, have run: a second digest would be here by now.
    await untilNoJobsPending(queue, (job) => job.name === 'digests.plan' || job.name === 'digest.send');
    expect(smtp.to(reader.user.email)).toHaveLength(1);
  });

  it('unsubscribe links work without signing in, for one person only, and cannot be forged', async () => {
    const reader = await dailyReader();
    const other = await dailyReader();
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, reader.user, other.user] });
    await newThread(ctx, author.session, { tableId: table.id, title: 'Notizie per la disiscrizione' });
    await plan();
    await expect.poll(() => smtp.to(reader.user.email).length, { timeout: 15_000 }).toBe(1);
    const link =
      (smtp.to(reader.user.email)[0]?.parsed.text ?? '').match(
        /http:\/\/forum\.test(\/email\/unsubscribe\/[\w.-]+)/,
      )?.[1] ?? '';
    expect(link).not.toBe('');

    const page = await ctx.request({ method: 'GET', url: link });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    const digestOf = async (id: number) =>
      (await ctx.db.selectFrom('users').select('digest').where('id', '=', id).executeTakeFirstOrThrow()).digest;
    expect(await digestOf(reader.user.id)).toBe('daily');

    const token = link.split('/').pop() ?? '';
    const [payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(`${other.user.id}.digest`).toString('base64url');
    expect(
      (await ctx.request({ method: 'POST', url: `/email/unsubscribe/${forgedPayload}.${signature}` })).statusCode,
    ).toBe(404);
    expect(
      (await ctx.request({ method: 'POST', url: `/email/unsubscribe/${payload}.${'A'.repeat(43)}` })).statusCode,
    ).toBe(404);
    expect(await digestOf(other.user.id)).toBe('daily');

    const oneClick = await ctx.request({
      method: 'POST',
      url: link,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(await digestOf(reader.user.id)).toBe('off');
    expect(await digestOf(other.user.id)).toBe('daily');
  });

  it('send nothing when there is nothing to say, and skip active readers who asked for it', async () => {
    const quiet = await dailyReader();
    const deliveries: string[] = [];
    const deliver = async (_u: unknown, _d: DigestData, period: string) => {
      deliveries.push(period);
      return '<x@test>';
    };
    const deps = { db: ctx.db, config: ctx.config, clock: systemClock };
    expect(await runDigest(deps, { userId: quiet.user.id, period: 'd-empty' }, deliver)).toBe('empty');

    const active = await dailyReader();
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, active.user] });
    await newThread(ctx, author.session, { tableId: table.id, title: 'Novità per chi è attivo' });
    await ctx.db
      .updateTable('users')
      .set({ digest_skip_if_active: true, last_seen_at: new Date() })
      .where('id', '=', active.user.id)
      .execute();
    expect(await runDigest(deps, { userId: active.user.id, period: 'd-active' }, deliver)).toBe('skipped');
    expect(deliveries).toEqual([]);
  });

  it('count the private conversations waiting unread, and never say what they hold', async () => {
    const reader = await dailyReader();
    const started = await ctx.request({
      method: 'POST',
      url: '/api/conversations',
      as: author.session,
      payload: { userIds: [reader.user.id], title: 'Riservato', body: 'Contenuto confidenziale del bando' },
    });
    expect(started.statusCode, started.body).toBe(201);
    let sent: DigestData | undefined;
    const deliver = async (_u: unknown, digest: DigestData) => {
      sent = digest;
      return '<x@test>';
    };
    const deps = { db: ctx.db, config: ctx.config, clock: systemClock };
    expect(await runDigest(deps, { userId: reader.user.id, period: 'd-conversations' }, deliver)).toBe('sent');
    expect(sent?.unreadConversations).toEqual({ count: 1, url: 'http://forum.test/conversazioni' });
    expect(JSON.stringify(sent)).not.toContain('confidenziale');
    const { renderDigestMail } = await import('@hubspoke/mail');
    const mail = renderDigestMail('it', {
      ...(sent as DigestData),
      frequency: 'daily',
      recipientName: 'Lettrice',
      unsubscribeUrl: 'http://forum.test/u',
      preferencesUrl: 'http://forum.test/profilo',
    });
    expect(mail.text).toContain('1 conversazione con messaggi non letti');
    expect(mail.html).not.toContain('confidenziale');
  });

  it('two sends of one period at once deliver once; a claim left by a dead worker is taken over', async () => {
    const reader = await dailyReader();
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, reader.user] });
    await newThread(ctx, author.session, { tableId: table.id, title: 'Corsa tra due worker' });
    const deps = { db: ctx.db, config: ctx.config, clock: systemClock };
    let delivered = 0;
    // The send that delivers holds its claim until the other send of the period has finished
    // (or a second delivery shows both got through; the deadline only keeps a hang from lasting).
    let letGo = () => {};
    const otherFinished = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const deadline = setTimeout(letGo, 10_000);
    const slowDeliver = async () => {
      delivered++;
      if (delivered > 1) letGo();
      await otherFinished;
      return '<race@test>';
    };
    const sends = [1, 2].map(() => runDigest(deps, { userId: reader.user.id, period: 'd-race' }, slowDeliver));
    for (const send of sends) send.then(letGo, letGo);
    const results = await Promise.allSettled(sends);
    clearTimeout(deadline);
    expect(delivered).toBe(1);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'busy')).sort()).toEqual(['busy', 'sent']);
    expect(await runDigest(deps, { userId: reader.user.id, period: 'd-race' }, slowDeliver)).toBe('already_done');

    // A worker died after claiming: its claim is old, so the next attempt sends.
    await newThread(ctx, author.session, { tableId: table.id, title: 'Dopo la caduta del worker' });
    await ctx.db
      .insertInto('digest_sends')
      .values({
        user_id: reader.user.id,
        period: 'd-crash',
        status: 'sending',
        claimed_at: new Date(Date.now() - 5 * 60_000),
        covers_from: new Date(Date.now() - 86_400_000),
        covers_to: new Date(),
      })
      .execute();
    expect(await runDigest(deps, { userId: reader.user.id, period: 'd-crash' }, slowDeliver)).toBe('sent');
    expect(delivered).toBe(2);
  });
});
