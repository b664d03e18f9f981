import { tableRepo } from '@hubspoke/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
type Person = { user: { id: number; display_name: string }; session: Session };
let author: Person;
let reader: Person;
let outsider: Person;
let labId: number;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  web = browserOf(ctx);
  author = await signedIn(ctx, { displayName: 'Giulia Ferri' });
  reader = await signedIn(ctx, { displayName: 'Luca Greco' });
  outsider = await signedIn(ctx, { displayName: 'Esterna' });
  labId = (await newTable(ctx, { name: 'Laboratorio di Bari', kind: 'lab', members: [author.user, reader.user] })).id;
});
afterAll(() => ctx.close());

const api = (url: string, as: Session) => ctx.request({ method: 'GET', url, as });

describe('the table page', () => {
  it('lists its threads with unread badges, a new-thread button and filters that are plain links', async () => {
    const older = await newThread(ctx, author.session, { tableId: labId, title: 'Bandi europei per la cultura' });
    const question = await newThread(ctx, author.session, {
      tableId: labId,
      kind: 'question',
      title: 'Come si fa il PCM?',
    });
    await newReply(ctx, author.session, older.thread.id);
    const page = await web.page(`/tavoli/${labId}`, reader.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/discussioni/${older.thread.id}"`);
    expect(page.body).toContain('Da leggere');
    expect(page.body).toContain(`href="/discussioni/nuova?tavolo=${labId}"`);
    expect(page.body).toContain(`href="/documenti/nuovo?tavolo=${labId}"`);
    // Most recent activity first: the reply moved the older thread to the top.
    expect(page.body.indexOf('Bandi europei')).toBeLessThan(page.body.indexOf('Come si fa il PCM?'));
    const questions = await web.page(`/tavoli/${labId}?tipo=question`, reader.session);
    expect(questions.body).toContain(`href="/discussioni/${question.thread.id}"`);
    expect(questions.body).not.toContain(`href="/discussioni/${older.thread.id}"`);
  });

  it('saves how closely I follow the table', async () => {
    const saved = await web.post(`/tavoli/${labId}/notifiche`, { level: 'watching' }, reader.session);
    expect(saved.statusCode).toBe(303);
    const page = await web.page(`/tavoli/${labId}`, reader.session);
    expect(page.body).toMatch(/<option value="watching" selected>/);
  });

  it('lists a focus area’s threads across the tables I can see, and 404s an unknown area', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId: labId, focusArea: 'innovazione' });
    const area = await web.page('/aree/innovazione', reader.session);
    expect(area.statusCode).toBe(200);
    expect(area.body).toContain(`href="/discussioni/${thread.id}"`);
    expect((await web.page('/aree/innovazione', outsider.session)).body).not.toContain(`/discussioni/${thread.id}"`);
    expect((await web.page('/aree/sport', reader.session)).statusCode).toBe(404);
  });
});

describe('the thread page', () => {
  it('renders each post as an article with its author and time, and escapes everything users wrote', async () => {
    const { thread } = await newThread(ctx, author.session, {
      tableId: labId,
      title: '<script>alert("titolo")</script> piano',
      body: 'Ciao <script>alert(1)</script> [clic](javascript:alert(2)) <img src=x onerror="alert(3)">',
    });
    const page = await web.page(`/discussioni/${thread.id}`, reader.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&lt;script&gt;alert(&quot;titolo&quot;)&lt;/script&gt; piano');
    expect(page.body).not.toMatch(/<script>alert/);
    expect(page.body).not.toContain('href="javascript:');
    expect(page.body).not.toMatch(/<img[^>]*onerror/);
    expect(page.body).toMatch(/<article id="post-1"[^>]*>/);
    expect(page.body).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T[^"]+">/);
    expect(page.body).toContain('Giulia Ferri');
    expect(page.body.match(/<h1[\s>]/g)).toHaveLength(1);
  });

  it('is 404 for someone outside a private lab, as is a post of it', async () => {
    const { thread, post } = await newThread(ctx, author.session, { tableId: labId });
    expect((await web.page(`/discussioni/${thread.id}`, outsider.session)).statusCode).toBe(404);
    expect((await web.page(`/messaggi/${post.id}/versioni`, outsider.session)).statusCode).toBe(404);
    expect((await web.post(`/discussioni/${thread.id}/risposte`, { body: 'x' }, outsider.session)).statusCode).toBe(
      404,
    );
  });

  it('marks the thread read up to the last post shown', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId: labId });
    await newReply(ctx, author.session, thread.id);
    await web.page(`/discussioni/${thread.id}`, reader.session);
    const state = (await api(`/api/threads/${thread.id}`, reader.session)).json().thread;
    expect(state).toMatchObject({ lastReadPostNumber: 2, unreadCount: 0 });
  });

  it('pages by post number, 20 a page, and opens at my first unread post', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId: labId });
    for (let i = 2; i <= 25; i++) await newReply(ctx, author.session, thread.id, `Risposta ${i}`);
    const second = await web.page(`/discussioni/${thread.id}?dopo=20`, reader.session);
    expect(second.body).toContain('id="post-21"');
    expect(second.body).not.toContain('id="post-20"');
    expect(second.body).toContain('aria-current="page"');
    const fresh = await signedIn(ctx);
    await tableRepo.addMembers(ctx.db, [labId], fresh.user.id);
    await ctx.request({
      method: 'PUT',
      url: `/api/threads/${thread.id}/read`,
      as: fresh.session,
      payload: { postNumber: 22 },
    });
    const resumed = await web.page(`/discussioni/${thread.id}`, fresh.session);
    expect(resumed.body).toContain('id="post-23"');
    expect(resumed.body).toContain('id="unread"');
  });
});

describe('replying with the form', () => {
  it('posts, then redirects to the new post on its page', async () => {
    const { thread, post } = await newThread(ctx, author.session, { tableId: labId });
    const response = await web.post(
      `/discussioni/${thread.id}/risposte`,
      { body: 'Risposta **dal modulo**', replyTo: String(post.id) },
      reader.session,
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/discussioni/${thread.id}#post-2`);
    const posts = (await api(`/api/threads/${thread.id}`, reader.session)).json().posts;
    expect(posts[1]).toMatchObject({
      number: 2,
      replyTo: post.id,
      bodyHtml: '<p>Risposta <strong>dal modulo</strong></p>',
    });
  });

  it('re-renders the page with what I wrote and the error when it fails, or with a preview', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId: labId });
    const empty = await web.post(`/discussioni/${thread.id}/risposte`, { body: '   ' }, reader.session);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="reply-error"');
    expect(empty.body).toMatch(/id="reply-body"[^>]*aria-invalid="true"/);
    const preview = await web.post(
      `/discussioni/${thread.id}/risposte`,
      { body: 'Un _corsivo_ <script>x</script>', intent: 'preview' },
      reader.session,
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<em>corsivo</em>');
    expect(preview.body).toContain('Un _corsivo_ &lt;script&gt;x&lt;/script&gt;</textarea>');
    expect(preview.body).not.toContain('<script>x');
  });

  it('pre-fills the composer with a quote, also served on its own for the script', async () => {
    const { thread, post } = await newThread(ctx, author.session, { tableId: labId, body: 'Da citare' });
    const page = await web.page(`/discussioni/${thread.id}?cita=${post.id}`, reader.session);
    expect(page.body).toMatch(/<textarea id="reply-body"[^>]*>[^<]*&gt; Da citare/);
    expect(page.body).toContain(`name="replyTo" value="${post.id}"`);
    const quote = await api(`/messaggi/${post.id}/citazione`, reader.session);
    expect(quote.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(quote.body).toContain('> Da citare');
  });

  it('renders a preview fragment for the composer script, sanitized', async () => {
    const response = await web.post('/anteprima', { body: '# Titolo\n<img src=x onerror=alert(1)>' }, reader.session);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Titolo');
    expect(response.body).not.toMatch(/<img[^>]*onerror/);
    expect(response.body).toContain('&lt;img');
    expect(response.body).not.toContain('<html');
  });
});
