import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

/**
 * The post fragment live.js fetches to bring an edited, deleted or hidden post up to date: the
 * thread page's own rendering of one post, with the thread page's checks.
 */
let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
type Person = Awaited<ReturnType<typeof signedIn>>;
let author: Person;
let reader: Person;
let moderator: Person;
let outsider: Person;
let tableId: number;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  web = browserOf(ctx);
  [author, reader, moderator, outsider] = await Promise.all([
    signedIn(ctx),
    signedIn(ctx),
    signedIn(ctx, { role: 'moderator' }),
    signedIn(ctx),
  ]);
  tableId = (await newTable(ctx, { kind: 'lab', members: [author.user, reader.user, moderator.user] })).id;
});
afterAll(() => ctx.close());

const fragment = (postId: number, as: Session, after?: number) =>
  web.page(`/messaggi/${postId}/frammento${after === undefined ? '' : `?dopo=${after}`}`, as);

const edit = (postId: number, body: string, as = author.session) =>
  ctx.request({ method: 'PATCH', url: `/api/posts/${postId}`, as, payload: { body } });

describe('the post fragment', () => {
  it('is the post’s article alone, as the thread page renders it for this reader', async () => {
    const { thread, post: first } = await newThread(ctx, author.session, { tableId, body: 'Apertura.' });
    const reply = await ctx.request({
      method: 'POST',
      url: `/api/threads/${thread.id}/posts`,
      as: author.session,
      payload: { body: 'Rispondo *al primo*.', replyTo: first.id },
    });
    const post = reply.json().post as { id: number; number: number };
    const page = await web.page(`/discussioni/${thread.id}`, reader.session);
    expect(page.body).toContain('data-page-after="0"');
    expect(page.body).toContain('data-live-changes');

    const answer = await fragment(post.id, reader.session, 0);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body.startsWith(`<article id="post-${post.number}"`)).toBe(true);
    expect(answer.body).not.toContain('<html');
    expect(answer.body).toContain(`data-post-id="${post.id}" data-post-state="shown" data-edited-at=""`);
    expect(answer.body).toContain('<em>al primo</em>');
    expect(answer.body).toContain('href="#post-1"');
    // The same article as on the page, character for character.
    expect(page.body).toContain(answer.body);
    // Each reader gets the actions that are theirs.
    expect(answer.body).not.toContain(`href="/messaggi/${post.id}/modifica"`);
    expect((await fragment(post.id, author.session, 0)).body).toContain(`href="/messaggi/${post.id}/modifica"`);
  });

  it('shows an edit, with its mark and only the sanitized body', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    const post = await newReply(ctx, author.session, thread.id, 'Prima stesura.');
    expect(
      (await edit(post.id, 'Seconda stesura <script>alert(1)</script> [link](javascript:alert(1))')).statusCode,
    ).toBe(200);
    const answer = await fragment(post.id, reader.session);
    expect(answer.body).toContain('Seconda stesura');
    expect(answer.body).not.toContain('<script');
    expect(answer.body).not.toContain('javascript:');
    expect(answer.body).toMatch(/data-edited-at="\d{4}-\d\d-\d\dT[^"]+"/);
    expect(answer.body).toContain(`href="/messaggi/${post.id}/versioni"`);
  });

  it('shows a deleted post as a tombstone with no actions', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    const post = await newReply(ctx, author.session, thread.id, 'Da cancellare.');
    expect((await ctx.request({ method: 'DELETE', url: `/api/posts/${post.id}`, as: author.session })).statusCode).toBe(
      204,
    );
    const answer = await fragment(post.id, reader.session);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('data-post-state="deleted"');
    expect(answer.body).toContain('Messaggio eliminato.');
    expect(answer.body).not.toContain('Da cancellare.');
    expect(answer.body).not.toContain('post-actions');
  });

  it('shows a hidden post’s words only to its author and the moderators', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId });
    const post = await newReply(ctx, author.session, thread.id, 'Un messaggio fuori luogo.');
    expect((await web.post(`/messaggi/${post.id}/nascondi`, { hidden: '1' }, moderator.session)).statusCode).toBe(303);
    const seenByReader = await fragment(post.id, reader.session);
    expect(seenByReader.body).toContain('data-post-state="hidden"');
    expect(seenByReader.body).not.toContain('Un messaggio fuori luogo.');
    expect((await fragment(post.id, author.session)).body).toContain('Un messaggio fuori luogo.');
    const seenByModerator = await fragment(post.id, moderator.session);
    expect(seenByModerator.body).toContain('Un messaggio fuori luogo.');
    expect(seenByModerator.body).toContain(`action="/messaggi/${post.id}/nascondi"`);
  });

  it('answers 404 to someone outside the lab, for an unknown post, and for a post not on the page asked for', async () => {
    const { post } = await newThread(ctx, author.session, { tableId });
    expect((await fragment(post.id, outsider.session)).statusCode).toBe(404);
    expect((await fragment(post.id, outsider.session)).body).not.toContain('Primo messaggio');
    expect((await fragment(999_999_999, reader.session)).statusCode).toBe(404);
    expect((await fragment(post.id, reader.session, 20)).statusCode).toBe(404);
    expect((await web.page(`/messaggi/${post.id}/frammento`)).statusCode).toBe(303);
  });
});
