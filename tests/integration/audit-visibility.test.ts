import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newTable, newThread, signedIn } from '../support/factories.js';

// The audit log tells what was done to threads, posts and documents: each reader sees only the
// entries about what they may read.
let ctx: TestContext;
let folder: Awaited<ReturnType<typeof uploadFolder>>;

beforeAll(async () => {
  folder = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: folder.dir, POST_MAX_PER_WINDOW: '100000' });
});
afterAll(async () => {
  await ctx.close();
  await folder.remove();
});

const auditText = async (as: Session) => {
  const response = await ctx.request({ method: 'GET', url: '/api/moderation/audit?limit=100', as });
  expect(response.statusCode).toBe(200);
  return JSON.stringify(response.json().items);
};

describe('the audit log', () => {
  it('shows a lab’s thread titles and review comments only to those who take part in the lab', async () => {
    const [labModerator, outsider, admin, author] = await Promise.all([
      signedIn(ctx, { role: 'moderator' }),
      signedIn(ctx, { role: 'moderator' }),
      signedIn(ctx, { role: 'admin' }),
      signedIn(ctx),
    ]);
    const lab = await newTable(ctx, { kind: 'lab', members: [labModerator.user, author.user] });
    const open = await newTable(ctx, { kind: 'regional', members: [outsider.user, author.user] });

    const { thread } = await newThread(ctx, author.session, {
      tableId: lab.id,
      title: 'Bilancio riservato del comune',
    });
    const retitle = await ctx.request({
      method: 'PATCH',
      url: `/api/threads/${thread.id}`,
      as: labModerator.session,
      payload: { title: 'Bilancio riservato rivisto', pinned: true },
    });
    expect(retitle.statusCode).toBe(200);
    const document = await newDocument(ctx, author.session, { tableId: String(lab.id) });
    await transition(ctx, author.session, document.id, 'submitted');
    const review = await transition(
      ctx,
      labModerator.session,
      document.id,
      'changes_requested',
      'Mancano le cifre del 2025',
    );
    expect(review.statusCode).toBe(200);
    const { thread: public_ } = await newThread(ctx, author.session, {
      tableId: open.id,
      title: 'Tema aperto a tutti',
    });
    await ctx.request({
      method: 'PATCH',
      url: `/api/threads/${public_.id}`,
      as: outsider.session,
      payload: { title: 'Tema aperto, rinominato', pinned: true },
    });

    for (const insider of [labModerator.session, admin.session]) {
      const seen = await auditText(insider);
      expect(seen).toContain('Bilancio riservato rivisto');
      expect(seen).toContain('Mancano le cifre del 2025');
    }
    const seen = await auditText(outsider.session);
    expect(seen).toContain('Tema aperto, rinominato');
    expect(seen).not.toContain('Bilancio riservato');
    expect(seen).not.toContain('Mancano le cifre');
    expect(seen).not.toContain(`"subjectId":"${document.id}"`);
  });

  it('hides a thread’s past in a lab once it moved out to an open table', async () => {
    const [moderator, outsider, author] = await Promise.all([
      signedIn(ctx, { role: 'moderator' }),
      signedIn(ctx, { role: 'moderator' }),
      signedIn(ctx),
    ]);
    const lab = await newTable(ctx, { kind: 'lab', members: [moderator.user, author.user] });
    const open = await newTable(ctx, { kind: 'regional', members: [moderator.user, author.user] });
    const { thread } = await newThread(ctx, author.session, { tableId: lab.id, title: 'Nome provvisorio interno' });
    const patch = (payload: object) =>
      ctx.request({ method: 'PATCH', url: `/api/threads/${thread.id}`, as: moderator.session, payload });
    expect((await patch({ title: 'Nome interno numero due', pinned: true })).statusCode).toBe(200);
    expect((await patch({ tableId: open.id, title: 'Nome pubblico' })).statusCode).toBe(200);

    const seen = await auditText(outsider.session);
    expect(seen).not.toContain('Nome provvisorio interno');
    expect(seen).not.toContain('Nome interno numero due');
    expect(await auditText(moderator.session)).toContain('Nome provvisorio interno');
  });
});

describe('the audit log page', () => {
  it('reads in words, naming people and what they acted on, never codes or ids', async () => {
    const [moderator, author] = await Promise.all([
      signedIn(ctx, { role: 'moderator', displayName: 'Luca Moderatore' }),
      signedIn(ctx),
    ]);
    const table = await newTable(ctx, { kind: 'regional', members: [moderator.user, author.user] });
    const { thread } = await newThread(ctx, author.session, { tableId: table.id, title: 'Bando per i gemellaggi' });
    const lock = await ctx.request({
      method: 'PATCH',
      url: `/api/threads/${thread.id}`,
      as: moderator.session,
      payload: { locked: true },
    });
    expect(lock.statusCode).toBe(200);
    const document = await newDocument(ctx, author.session, { tableId: String(table.id), title: 'Piano di Lecce' });
    await transition(ctx, author.session, document.id, 'submitted');
    await transition(ctx, moderator.session, document.id, 'published');

    const page = await ctx.request({
      method: 'GET',
      url: '/moderazione/registro',
      as: moderator.session,
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    const text = page.body.replace(/<[^>]+>/g, '');
    expect(text).toContain('Luca Moderatore ha bloccato «Bando per i gemellaggi»');
    expect(text).toContain('Luca Moderatore ha pubblicato «Piano di Lecce»');
    expect(page.body).toContain(`<a href="/discussioni/${thread.id}">Bando per i gemellaggi</a>`);
    expect(page.body).not.toMatch(/<code>|thread\.update|document\.transition/);
  });
});
