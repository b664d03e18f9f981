import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';

// A tutor's pool place decides which questions they may take: a table's pool opens that table
// to them like membership would; a focus-area pool never opens a private lab.
let ctx: TestContext;
let worker: RunningWorker;
let admin: Session;
let folder: Awaited<ReturnType<typeof uploadFolder>>;

beforeAll(async () => {
  folder = await uploadFolder();
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '10000', UPLOAD_DIR: folder.dir });
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
  admin = (await signedIn(ctx, { role: 'admin' })).session;
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await folder.remove();
});

const put = (url: string, method: 'PUT' | 'DELETE' = 'PUT') => ctx.request({ method, url, as: admin, payload: {} });
const assignee = async (threadId: number, as: Session) =>
  (await ctx.request({ method: 'GET', url: `/api/threads/${threadId}`, as })).json().thread.question.assignedTutorId;
const queue = async (as: Session) =>
  (await ctx.request({ method: 'GET', url: '/api/tutoring/queue', as })).json().items as Array<{ threadId: number }>;
const notifiedAbout = async (as: Session) =>
  (
    (await ctx.request({ method: 'GET', url: '/api/notifications', as })).json().items as Array<{ threadId: number }>
  ).map((n) => n.threadId);

describe('focus-area pools', () => {
  it('never give a private lab’s question to a tutor who cannot read the lab', async () => {
    const focusTutor = await signedIn(ctx, { role: 'tutor' });
    expect((await put(`/api/tutoring/focus-pools/innovazione/tutors/${focusTutor.user.id}`)).statusCode).toBe(204);
    const asker = await signedIn(ctx);
    const moderator = await signedIn(ctx, { role: 'moderator' });
    const lab = await newTable(ctx, { kind: 'lab', members: [asker.user, moderator.user] });
    const open = await newTable(ctx, { kind: 'regional', members: [asker.user] });

    const inLab = (await newThread(ctx, asker.session, { tableId: lab.id, kind: 'question', focusArea: 'innovazione' }))
      .thread.id;
    const inOpen = (
      await newThread(ctx, asker.session, { tableId: open.id, kind: 'question', focusArea: 'innovazione' })
    ).thread.id;

    // The lab's question falls back to its moderator; the open table's goes to the focus pool.
    expect(await assignee(inLab, asker.session)).toBe(moderator.user.id);
    expect(await assignee(inOpen, asker.session)).toBe(focusTutor.user.id);
    await expect.poll(() => notifiedAbout(focusTutor.session)).toContain(inOpen);
    expect(await notifiedAbout(focusTutor.session)).not.toContain(inLab);
    expect((await queue(focusTutor.session)).map((q) => q.threadId)).toEqual([inOpen]);
  });
});

describe('table pools', () => {
  it('let a tutor outside the table read and answer its questions, until the pool place is gone', async () => {
    const tutor = await signedIn(ctx, { role: 'tutor' });
    const other = await signedIn(ctx, { role: 'tutor' });
    const asker = await signedIn(ctx);
    const lab = await newTable(ctx, { kind: 'lab', members: [asker.user] });
    expect((await put(`/api/tutoring/pools/${lab.id}/tutors/${tutor.user.id}`)).statusCode).toBe(204);

    const { thread } = await newThread(ctx, asker.session, { tableId: lab.id, kind: 'question', focusArea: 'cultura' });
    expect(await assignee(thread.id, asker.session)).toBe(tutor.user.id);
    expect((await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}`, as: tutor.session })).statusCode).toBe(
      200,
    );
    expect((await ctx.request({ method: 'GET', url: `/api/tables/${lab.id}`, as: tutor.session })).statusCode).toBe(
      200,
    );
    const reply = await ctx.request({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      as: tutor.session,
      payload: { body: 'Ecco come procedere con il bando.' },
    });
    expect(reply.statusCode).toBe(201);
    expect(
      (await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}`, as: asker.session })).json().thread,
    ).toMatchObject({ question: { status: 'answered' } });

    // A second open question, then the pool place goes: it is handed on, and the lab closes again.
    await put(`/api/tutoring/pools/${lab.id}/tutors/${other.user.id}`);
    const second = (await newThread(ctx, asker.session, { tableId: lab.id, kind: 'question', focusArea: 'cultura' }))
      .thread.id;
    const firstHolder = await assignee(second, asker.session);
    const holder = firstHolder === tutor.user.id ? tutor : other;
    const remaining = holder === tutor ? other : tutor;
    expect((await put(`/api/tutoring/pools/${lab.id}/tutors/${holder.user.id}`, 'DELETE')).statusCode).toBe(204);
    expect(await assignee(second, asker.session)).toBe(remaining.user.id);
    expect((await ctx.request({ method: 'GET', url: `/api/threads/${second}`, as: holder.session })).statusCode).toBe(
      404,
    );
    expect((await queue(holder.session)).map((q) => q.threadId)).not.toContain(second);
    const late = await newReply(ctx, asker.session, second, 'Ci sono novità?').catch(() => null);
    expect(late).not.toBeNull();
    const blocked = await ctx.request({
      method: 'POST',
      url: `/api/threads/${second}/posts`,
      as: holder.session,
      payload: { body: 'Provo a rispondere.' },
    });
    expect(blocked.statusCode).toBe(404);
  });
});

describe('a table pool and the table’s documents', () => {
  it('lets its tutors follow the drafts under review there, and no longer once they leave it', async () => {
    const tutor = await signedIn(ctx, { role: 'tutor' });
    const author = await signedIn(ctx);
    const lab = await newTable(ctx, { kind: 'lab', members: [author.user] });
    const document = await newDocument(ctx, author.session, { tableId: String(lab.id) });
    await transition(ctx, author.session, document.id, 'submitted');
    const seen = async () =>
      (await ctx.request({ method: 'GET', url: `/api/documents/${document.id}`, as: tutor.session })).statusCode;
    expect(await seen()).toBe(404);
    await put(`/api/tutoring/pools/${lab.id}/tutors/${tutor.user.id}`);
    expect(await seen()).toBe(200);
    await put(`/api/tutoring/pools/${lab.id}/tutors/${tutor.user.id}`, 'DELETE');
    expect(await seen()).toBe(404);
  });
});
