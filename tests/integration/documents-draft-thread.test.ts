import { userRepo } from '@hubspoke/db';
import { buildDigest } from '@hubspoke/domain';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newTable, newThread, signedIn } from '../support/factories.js';
import { LiveClient, listen } from '../support/live.js';

// A draft's discussion thread, and a request to review it, are as private as the draft: its title
// reaches no one outside its author and reviewers until the document is published.
let ctx: TestContext;
let worker: RunningWorker;
let folder: Awaited<ReturnType<typeof uploadFolder>>;
let url: string;

beforeAll(async () => {
  folder = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: folder.dir, POST_MAX_PER_WINDOW: '100000' });
  url = await listen(ctx.app);
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await folder.remove();
});

const get = (path: string, as: Session) => ctx.request({ method: 'GET', url: path, as });

describe('a draft document’s threads', () => {
  it('stay out of lists, search, activity, notifications, digests and live rooms until it is published', async () => {
    const [author, reader, moderator, tutor] = await Promise.all([
      signedIn(ctx),
      signedIn(ctx),
      signedIn(ctx, { role: 'moderator' }),
      signedIn(ctx, { role: 'tutor' }),
    ]);
    const table = await newTable(ctx, {
      kind: 'regional',
      members: [author.user, reader.user, moderator.user, tutor.user],
    });
    await ctx.request({
      method: 'PUT',
      url: `/api/tables/${table.id}/subscription`,
      as: reader.session,
      payload: { level: 'watching' },
    });
    const live = await LiveClient.connect(url, { session: reader.session, origin: ctx.config.publicOrigin });
    await live.subscribe([`table:${table.id}`, 'focus:cultura']);

    const document = await newDocument(ctx, author.session, {
      tableId: String(table.id),
      title: 'Bozza riservata sul gemellaggio',
      focusArea: 'cultura',
    });
    const review = await ctx.request({
      method: 'POST',
      url: `/api/documents/${document.id}/versions/1/review`,
      as: author.session,
      payload: { note: 'Potete guardarla?' },
    });
    expect(review.statusCode).toBe(201);
    const reviewThreadId = review.json().thread.id as number;
    // A thread everyone may see, written after: once it arrived, anything about the draft would have too.
    const marker = await newThread(ctx, author.session, { tableId: table.id, title: 'Calendario degli incontri' });
    await live.waitFor((m) => m.name === 'thread.created' && m.data.thread.id === marker.thread.id);
    await expect
      .poll(async () => (await get('/api/notifications', reader.session)).json().items.map((n: any) => n.threadId))
      .toContain(marker.thread.id);

    const secret = 'Bozza riservata';
    const listed = await get(`/api/threads?table=${table.id}`, reader.session);
    expect(listed.json().items.map((t: { id: number }) => t.id)).toEqual([marker.thread.id]);
    expect((await get(`/api/threads/${document.threadId}`, reader.session)).statusCode).toBe(404);
    expect((await get(`/api/threads/${reviewThreadId}`, reader.session)).statusCode).toBe(404);
    expect((await get('/api/search?q=gemellaggio', reader.session)).json().items).toEqual([]);
    expect((await get('/', reader.session)).body).not.toContain(secret);
    expect((await get('/aree/cultura', reader.session)).body).not.toContain(secret);
    expect(JSON.stringify((await get('/api/notifications', reader.session)).json())).not.toContain(secret);
    expect(JSON.stringify(live.messages)).not.toContain(secret);
    const readerRow = await userRepo.findById(ctx.db, reader.user.id);
    if (!readerRow) throw new Error('reader missing');
    const digest = await buildDigest(
      { db: ctx.db, config: ctx.config },
      readerRow,
      new Date(Date.now() - 3_600_000),
      new Date(Date.now() + 60_000),
    );
    expect(JSON.stringify(digest)).toContain('Calendario degli incontri');
    expect(JSON.stringify(digest)).not.toContain(secret);

    // Its author and its reviewers see both threads.
    for (const insider of [author, moderator, tutor]) {
      expect((await get(`/api/threads/${document.threadId}`, insider.session)).statusCode).toBe(200);
      expect((await get(`/api/threads/${reviewThreadId}`, insider.session)).statusCode).toBe(200);
    }

    await transition(ctx, author.session, document.id, 'submitted');
    expect((await transition(ctx, moderator.session, document.id, 'published')).statusCode).toBe(200);
    await live.waitFor((m) => m.name === 'thread.updated' && m.data.id === document.threadId);
    expect((await get(`/api/threads/${document.threadId}`, reader.session)).statusCode).toBe(200);
    const after = await get(`/api/threads?table=${table.id}`, reader.session);
    expect(after.json().items.map((t: { id: number }) => t.id)).toEqual(
      expect.arrayContaining([document.threadId, reviewThreadId, marker.thread.id]),
    );
    live.close();
  });
});
