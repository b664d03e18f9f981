import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

// What waits for a moderator: documents submitted for review, and open flags counted in the menu.
let ctx: TestContext;
let worker: RunningWorker;
let uploads: Awaited<ReturnType<typeof uploadFolder>>;
let web: ReturnType<typeof browserOf>;

beforeAll(async () => {
  uploads = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: uploads.dir, POST_MAX_PER_WINDOW: '10000' });
  web = browserOf(ctx);
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await uploads.remove();
});

const notified = async (as: Session) =>
  (await ctx.request({ method: 'GET', url: '/api/notifications', as })).json().items as Array<{
    kind: string;
    documentStatus: string | null;
    threadTitle: string;
  }>;

describe('the review queue', () => {
  it('lists the documents submitted in the tables one moderates, and tells them when one arrives', async () => {
    const [author, moderator, elsewhere] = await Promise.all([
      signedIn(ctx),
      signedIn(ctx, { role: 'moderator' }),
      signedIn(ctx, { role: 'moderator' }),
    ]);
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, moderator.user] });
    const other = await newTable(ctx, { kind: 'regional', members: [author.user, elsewhere.user] });
    const waiting = await newDocument(ctx, author.session, { tableId: String(table.id), title: 'Piano di Bari' });
    const draft = await newDocument(ctx, author.session, { tableId: String(table.id), title: 'Bozza di Bari' });
    const foreign = await newDocument(ctx, author.session, { tableId: String(other.id), title: 'Piano di Lecce' });
    for (const d of [waiting, foreign]) await transition(ctx, author.session, d.id, 'submitted');

    const queue = await web.page('/moderazione/revisione', moderator.session);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`data-document="${waiting.id}"`);
    expect(queue.body).not.toContain(`data-document="${draft.id}"`);
    expect(queue.body).not.toContain(`data-document="${foreign.id}"`);
    await expect
      .poll(async () => (await notified(moderator.session)).map((n) => [n.kind, n.documentStatus, n.threadTitle]))
      .toEqual([['document_status', 'submitted', 'Piano di Bari']]);

    await transition(ctx, moderator.session, waiting.id, 'published');
    expect((await web.page('/moderazione/revisione', moderator.session)).body).toContain(
      'Nessun documento in attesa di revisione.',
    );
    expect((await web.page('/moderazione/revisione', author.session)).statusCode).toBe(403);
  });
});

describe('the moderation menu', () => {
  it('counts the open flags waiting for the moderator, and shows nothing at zero', async () => {
    const [author, reader, moderator] = await Promise.all([
      signedIn(ctx),
      signedIn(ctx),
      signedIn(ctx, { role: 'moderator' }),
    ]);
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, reader.user, moderator.user] });
    const badge = async () => /data-flags-badge>(\d+)/.exec((await web.page('/', moderator.session)).body)?.[1];
    expect(await badge()).toBeUndefined();
    const { thread } = await newThread(ctx, author.session, { tableId: table.id });
    for (const text of ['Primo', 'Secondo']) {
      const post = await newReply(ctx, author.session, thread.id, text);
      await ctx.request({
        method: 'POST',
        url: `/api/posts/${post.id}/flags`,
        as: reader.session,
        payload: { reason: 'Fuori tema' },
      });
    }
    expect(await badge()).toBe('2');
    expect((await web.page('/', reader.session)).body).not.toContain('data-flags-badge');
  });
});
