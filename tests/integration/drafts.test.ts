import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf, withFlash } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
let writer: Awaited<ReturnType<typeof signedIn>>;
let colleague: Awaited<ReturnType<typeof signedIn>>;
let outsider: Awaited<ReturnType<typeof signedIn>>;
let labId: number;
let threadId: number;

const api = (method: 'GET' | 'PUT' | 'DELETE', url: string, as?: Session, payload?: object) =>
  ctx.request({ method, url, ...(as ? { as } : {}), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  web = browserOf(ctx);
  writer = await signedIn(ctx, { displayName: 'Chiara Bozza' });
  colleague = await signedIn(ctx);
  outsider = await signedIn(ctx);
  const lab = await newTable(ctx, { name: 'Laboratorio di Taranto', members: [writer.user, colleague.user] });
  labId = lab.id;
  threadId = (await newThread(ctx, colleague.session, { tableId: labId, title: 'Bando Interreg: chi partecipa?' }))
    .thread.id;
});
afterAll(() => ctx.close());

describe('drafts through the API', () => {
  it('keeps one draft per person and thread, readable only by its writer, and posting removes it', async () => {
    const url = `/api/threads/${threadId}/draft`;
    expect((await api('GET', url, writer.session)).json()).toEqual({ draft: null });
    const first = await api('PUT', url, writer.session, { body: 'Prima stesura' });
    expect(first.statusCode, first.body).toBe(200);
    const second = await api('PUT', url, writer.session, { body: 'Seconda stesura, <script>alert(1)</script>' });
    expect(second.json().draft).toMatchObject({ body: 'Seconda stesura, <script>alert(1)</script>', title: '' });
    expect((await api('GET', url, writer.session)).json().draft.body).toBe(
      'Seconda stesura, <script>alert(1)</script>',
    );
    expect((await api('GET', url, colleague.session)).json()).toEqual({ draft: null });

    const posted = await ctx.request({
      method: 'POST',
      url: `/api/threads/${threadId}/posts`,
      as: writer.session,
      payload: { body: 'La risposta pubblicata' },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    expect((await api('GET', url, writer.session)).json()).toEqual({ draft: null });
  });

  it('keeps a new thread’s draft per table, with its title, until the thread is started', async () => {
    const url = `/api/tables/${labId}/draft`;
    const saved = await api('PUT', url, writer.session, { title: 'Gemellaggio con Sfax', body: 'Idee per il bando' });
    expect(saved.json().draft).toMatchObject({ title: 'Gemellaggio con Sfax', body: 'Idee per il bando' });
    await newThread(ctx, writer.session, { tableId: labId, title: 'Gemellaggio con Sfax' });
    expect((await api('GET', url, writer.session)).json()).toEqual({ draft: null });
  });

  it('removes a blank draft, and refuses places the writer may not write in', async () => {
    const url = `/api/threads/${threadId}/draft`;
    await api('PUT', url, writer.session, { body: 'Da togliere' });
    expect((await api('PUT', url, writer.session, { body: '   ' })).json()).toEqual({ draft: null });
    expect((await api('GET', url, writer.session)).json()).toEqual({ draft: null });
    expect((await api('PUT', url, outsider.session, { body: 'x' })).statusCode).toBe(404);
    expect((await api('PUT', `/api/tables/${labId}/draft`, outsider.session, { body: 'x' })).statusCode).toBe(404);
    expect((await api('PUT', '/api/threads/999999/draft', writer.session, { body: 'x' })).statusCode).toBe(404);
    const long = await api('PUT', url, writer.session, { body: 'x'.repeat(50_001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('body_too_long');
    expect((await api('PUT', url, writer.session, { body: 'x', extra: 1 })).statusCode).toBe(400);
    expect((await api('PUT', url, undefined, { body: 'x' })).statusCode).toBe(401);
    expect((await api('DELETE', url, writer.session)).statusCode).toBe(204);
  });
});

describe('drafts in the pages, without JavaScript', () => {
  it('“Salva bozza” keeps the reply, the thread page brings it back, and posting clears it', async () => {
    const saved = await web.post(
      `/discussioni/${threadId}/risposte`,
      { body: 'Bozza & appunti <b>in corso</b>', intent: 'draft' },
      writer.session,
    );
    expect(saved.statusCode, saved.body).toBe(303);
    const page = await web.page(`/discussioni/${threadId}`, withFlash(saved, writer.session));
    expect(page.body).toContain('Bozza salvata: la ritrovi qui quando torni.');
    expect(page.body).toContain('>Bozza &amp; appunti &lt;b&gt;in corso&lt;/b&gt;</textarea>');
    expect(page.body).toContain('Bozza ripresa, salvata');
    expect((await web.page(`/discussioni/${threadId}`, colleague.session)).body).not.toContain('appunti');

    const posted = await web.post(`/discussioni/${threadId}/risposte`, { body: 'Pubblicata ora' }, writer.session);
    expect(posted.statusCode).toBe(303);
    const after = await web.page(`/discussioni/${threadId}`, writer.session);
    expect(after.body).not.toContain('Bozza ripresa');
    expect(after.body).not.toContain('appunti');
  });

  it('keeps a new thread’s title and text for the table chosen, and asks for a table first', async () => {
    const none = await web.post(
      '/discussioni/nuova',
      { title: 'Senza tavolo', body: 'testo', intent: 'draft' },
      writer.session,
    );
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Scegli il tavolo');
    const saved = await web.post(
      '/discussioni/nuova',
      { tableId: String(labId), title: 'Festival delle due sponde', body: 'Prime idee', intent: 'draft' },
      writer.session,
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/discussioni/nuova?tavolo=${labId}`);
    const page = await web.page(`/discussioni/nuova?tavolo=${labId}`, writer.session);
    expect(page.body).toContain('value="Festival delle due sponde"');
    expect(page.body).toContain('>Prime idee</textarea>');
  });
});
