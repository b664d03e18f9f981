import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
beforeAll(async () => {
  ctx = await createTestContext();
  web = browserOf(ctx);
});
afterAll(() => ctx.close());

describe('the footer’s pages', () => {
  it('are linked from every page and readable without signing in; the API docs moved to the admin area', async () => {
    const page = (await web.page('/accedi')).body;
    for (const href of ['/accessibilita', '/privacy', '/note-legali']) expect(page).toContain(`href="${href}"`);
    expect(page).not.toContain('href="/docs"');
    const unwritten = await web.page('/accessibilita');
    expect(unwritten.statusCode).toBe(200);
    expect(unwritten.body).toContain('Il testo non è ancora stato pubblicato');
    const admin = await signedIn(ctx, { role: 'admin' });
    expect((await web.page('/admin', admin.session)).body).toContain('href="/docs"');
  });

  it('are worded by admins, sanitized like posts, in both languages', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const saved = await web.post(
      '/admin/pagine/note-legali',
      {
        textIt: '## Note legali\n\nTitolare: **Programma Hub&Spoke** <script>alert(1)</script>',
        textEn: 'Legal *notes*',
      },
      admin.session,
    );
    expect([saved.statusCode, saved.headers.location]).toEqual([303, '/admin/pagine']);
    const shown = (await web.page('/note-legali')).body;
    expect(shown).toContain('<strong>Programma Hub&amp;Spoke</strong>');
    expect(shown).not.toContain('<script>alert(1)</script>');
    const english = await ctx.request({
      method: 'GET',
      url: '/note-legali',
      headers: { accept: 'text/html', 'accept-language': 'en' },
    });
    expect(english.body).toContain('<em>notes</em>');
    expect((await web.page('/admin/pagine', admin.session)).body).toContain('Titolare: **Programma Hub&amp;Spoke**');

    const empty = await web.post('/admin/pagine/accessibilita', { textIt: '', textEn: 'x' }, admin.session);
    expect(empty.statusCode).toBe(400);
    expect((await web.post('/admin/pagine/chi-siamo', { textIt: 'a', textEn: 'b' }, admin.session)).statusCode).toBe(
      404,
    );
    const participant = await signedIn(ctx);
    expect(
      (await web.post('/admin/pagine/note-legali', { textIt: 'a', textEn: 'b' }, participant.session)).statusCode,
    ).toBe(403);
  });

  it('show the privacy notice as currently published among the consents', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    expect((await web.page('/privacy')).body).toContain('Il testo non è ancora stato pubblicato');
    await ctx.request({
      method: 'POST',
      url: '/api/admin/consents/privacy/versions',
      as: admin.session,
      payload: { textIt: 'Titolare del trattamento: il programma.', textEn: 'Controller: the programme.' },
    });
    expect((await web.page('/privacy')).body).toContain('Titolare del trattamento: il programma.');
  });
});
