import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newDocument, uploadFolder } from '../support/documents.js';
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
