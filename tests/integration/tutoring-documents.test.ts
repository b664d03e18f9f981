import { type DigestData, runDigest, systemClock } from '@hubspoke/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newTable, signedIn } from '../support/factories.js';

let ctx: TestContext;
let uploads: Awaited<ReturnType<typeof uploadFolder>>;

beforeAll(async () => {
  uploads = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: uploads.dir, POST_MAX_PER_WINDOW: '10000' });
});
afterAll(async () => {
  await ctx.close();
  await uploads.remove();
});

describe('tutoring on documents', () => {
  it('a review request opens a question linked to the version, routed to the pool’s tutor', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const author = await signedIn(ctx);
    const tutor = await signedIn(ctx, { role: 'tutor' });
    const outsider = await signedIn(ctx);
    const lab = await newTable(ctx, { kind: 'lab', members: [author.user, tutor.user] });
    await ctx.request({
      method: 'PUT',
      url: `/api/tutoring/pools/${lab.id}/tutors/${tutor.user.id}`,
      as: admin.session,
      payload: {},
    });
    const document = await newDocument(ctx, author.session, { tableId: String(lab.id) });

    const review = await ctx.request({
      method: 'POST',
      url: `/api/documents/${document.id}/versions/1/review`,
      as: author.session,
      payload: { note: 'Va bene la parte sul budget?' },
    });
    expect(review.statusCode).toBe(201);
    const { thread, post } = review.json();
    expect(thread).toMatchObject({
      kind: 'question',
      tableId: lab.id,
      question: { status: 'open', assignedTutorId: tutor.user.id },
    });
    expect(thread.question.documentVersionId).toEqual(expect.any(Number));
    expect(post.bodyHtml).toContain(`/documenti/${document.id}`);

    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/documents/${document.id}/versions/9/review`,
          as: author.session,
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/documents/${document.id}/versions/1/review`,
          as: outsider.session,
          payload: {},
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('digests of tutors and readers', () => {
  it('list the questions assigned to the tutor first, and the documents published since the last digest', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const author = await signedIn(ctx);
    const tutor = await signedIn(ctx, { role: 'tutor' });
    const moderator = await signedIn(ctx, { role: 'moderator' });
    const reader = await signedIn(ctx);
    const lab = await newTable(ctx, { kind: 'lab', members: [author.user, tutor.user, moderator.user, reader.user] });
    await ctx.request({
      method: 'PUT',
      url: `/api/tutoring/pools/${lab.id}/tutors/${tutor.user.id}`,
      as: admin.session,
      payload: {},
    });
    const other = await newTable(ctx, { kind: 'regional', members: [author.user, tutor.user] });
    await ctx.request({
      method: 'POST',
      url: '/api/threads',
      as: author.session,
      payload: { tableId: other.id, focusArea: 'cultura', kind: 'question', title: 'Domanda senza tutor', body: 'x' },
    });
    await ctx.request({
      method: 'POST',
      url: '/api/threads',
      as: author.session,
      payload: { tableId: lab.id, focusArea: 'cultura', kind: 'question', title: 'Domanda per il tutor', body: 'x' },
    });
    const document = await newDocument(ctx, author.session, { tableId: String(lab.id), title: 'Rapporto pubblicato' });
    expect((await transition(ctx, author.session, document.id, 'submitted')).statusCode).toBe(200);
    expect((await transition(ctx, moderator.session, document.id, 'published')).statusCode).toBe(200);

    const deps = { db: ctx.db, config: ctx.config, clock: systemClock };
    const digests: DigestData[] = [];
    const capture = async (_user: unknown, digest: DigestData) => {
      digests.push(digest);
      return '<t@test>';
    };
    await ctx.db
      .updateTable('users')
      .set({ digest: 'daily' })
      .where('id', 'in', [tutor.user.id, reader.user.id])
      .execute();
    expect(await runDigest(deps, { userId: tutor.user.id, period: 'd-tutor' }, capture)).toBe('sent');
    expect(digests[0]?.questions.map((q) => [q.title, q.assignedToYou])).toEqual([
      ['Domanda per il tutor', true],
      ['Domanda senza tutor', false],
    ]);
    expect(await runDigest(deps, { userId: reader.user.id, period: 'd-reader' }, capture)).toBe('sent');
    expect(digests[1]?.documents.map((d) => d.title)).toEqual([`Rapporto pubblicato (${lab.name})`]);
  });
});
