import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, newThread, signedIn } from '../support/factories.js';
import { violations } from '../support/html-safety.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let session: Session;
let threadId: number;
let tableId: number;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '100000' });
  const author = await signedIn(ctx);
  session = author.session;
  tableId = (await newTable(ctx, { kind: 'regional', members: [author.user] })).id;
  threadId = (await newThread(ctx, session, { tableId })).thread.id;
});
afterAll(() => ctx.close());

const HOSTILE: Array<[string, string]> = [
  ['script tag', '<script>alert(1)</script>'],
  ['event handler', '<img src=x onerror=alert(1)>'],
  ['javascript link', '[x](javascript:alert(1))'],
  ['entity-encoded scheme', '[x](jav&#x61;script:alert(1))'],
  ['data image', '![x](data:image/svg+xml;base64,PHN2Zz4=)'],
  ['svg', '<svg onload=alert(1)><script>alert(1)</script></svg>'],
  ['iframe and object', '<iframe src="https://evil.example"></iframe><object data="x"></object>'],
  ['css injection', '<div style="background:url(javascript:alert(1))">x</div><style>body{display:none}</style>'],
  ['broken html', '<a href="x" <b onmouseover=alert(1)>'],
  ['nested script', '<<script>script>alert(1)<</script>/script>'],
  ['noscript mXSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['autolink', '<javascript:alert(1)>'],
  ['reference link', '[x][r]\n\n[r]: javascript:alert(1)'],
  ['deep quotes', '>'.repeat(10_000)],
  [
    'deep lists',
    Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i * 2)}- x`)
      .join('\n')
      .slice(0, 49_000),
  ],
  ['control characters', 'a\u0000b\u0007c\u001bd\u202e'],
  ['lone surrogates', 'x\ud800y\udfffz'],
];

describe('hostile posts through the API', () => {
  for (const [name, body] of HOSTILE) {
    it(`${name}: stored and served without anything executable, never a 500`, async () => {
      const created = await ctx.request({
        method: 'POST',
        url: `/api/threads/${threadId}/posts`,
        as: session,
        payload: { body },
      });
      expect([201, 400]).toContain(created.statusCode);
      if (created.statusCode !== 201) return;
      const { id } = created.json().post;
      const stored = await ctx.db
        .selectFrom('posts')
        .select('body_html')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(violations(stored.body_html)).toEqual([]);
      const edited = await ctx.request({
        method: 'PATCH',
        url: `/api/posts/${id}`,
        as: session,
        payload: { body: `${body}\n\n${body}` },
      });
      expect([200, 400]).toContain(edited.statusCode);
      const shown = (await ctx.request({ method: 'GET', url: `/api/posts/${id}/revisions`, as: session })).json();
      for (const revision of shown.items ?? []) expect(violations(revision.bodyHtml)).toEqual([]);
    });
  }

  it('an image on another site is stored, previewed and served as a link, never fetched by readers', async () => {
    const body = 'Guarda ![il grafico](https://tracker.example/pixel.gif?u=42) e ![logo](/uploads/logo.png)';
    const link =
      '<a href="https://tracker.example/pixel.gif?u=42" rel="nofollow ugc noopener">il grafico (tracker.example)</a>';
    const created = await ctx.request({
      method: 'POST',
      url: `/api/threads/${threadId}/posts`,
      as: session,
      payload: { body },
    });
    expect(created.statusCode).toBe(201);
    const { bodyHtml } = created.json().post;
    expect(bodyHtml).toContain(link);
    expect(bodyHtml).toContain('<img src="/uploads/logo.png" alt="logo" />');
    expect(bodyHtml).not.toContain('<img src="https://');
    expect(violations(bodyHtml)).toEqual([]);

    const preview = await browserOf(ctx).post('/anteprima', { body }, session);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain(link);
    expect(preview.body).not.toContain('<img src="https://');
  });

  it('a hostile title is stored as text and the thread still renders', async () => {
    const response = await ctx.request({
      method: 'POST',
      url: '/api/threads',
      as: session,
      payload: {
        tableId,
        focusArea: 'cultura',
        kind: 'discussion',
        title: '<img src=x onerror=alert(1)> titolo',
        body: 'ok',
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().thread.title).toBe('<img src=x onerror=alert(1)> titolo');
  });

  it('invalid UTF-8 in the body is answered 400 or stored cleaned, never 500', async () => {
    const bytes = Buffer.concat([Buffer.from('{"body":"a'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('b"}')]);
    const response = await ctx.request({
      method: 'POST',
      url: `/api/threads/${threadId}/posts`,
      as: session,
      headers: { 'content-type': 'application/json' },
      payload: bytes,
    });
    expect([201, 400]).toContain(response.statusCode);
    if (response.statusCode === 201) expect(violations(response.json().post.bodyHtml)).toEqual([]);
  });

  it('a body over the limit is refused with a clear error', async () => {
    const response = await ctx.request({
      method: 'POST',
      url: `/api/threads/${threadId}/posts`,
      as: session,
      payload: { body: 'x'.repeat(60_001) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });
});
