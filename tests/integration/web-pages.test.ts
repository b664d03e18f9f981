import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newTable, signedIn } from '../support/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const BROWSER = { accept: 'text/html,application/xhtml+xml' };
const page = (url: string, headers: Record<string, string> = {}, as?: { cookie: string }) =>
  ctx.request({ method: 'GET', url, headers: { ...BROWSER, ...headers }, ...(as ? { as } : {}) });
const h1Count = (body: string) => body.match(/<h1[\s>]/g)?.length ?? 0;

describe('the pages', () => {
  it('speak Italian by default, as a whole HTML document with one h1', async () => {
    const response = await page('/accedi');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toMatch(/^<!doctype html>\s*<html lang="it">/);
    expect(response.body).toContain('<main id="main"');
    expect(response.body).toContain('href="#main"');
    expect(response.body).toContain('Accedi con l’email e la password');
    expect(h1Count(response.body)).toBe(1);
  });

  it('follow the browser’s languages, then the lang cookie, then the user’s own choice', async () => {
    const english = await page('/accedi', { 'accept-language': 'de-DE,en-GB;q=0.8,it;q=0.5' });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Sign in with the email and password');
    const cookie = await page('/accedi', { 'accept-language': 'en', cookie: 'lang=it' });
    expect(cookie.body).toContain('<html lang="it">');

    const { user, session } = await signedIn(ctx);
    await ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', user.id).execute();
    const home = await page('/', { 'accept-language': 'it', cookie: `${session.cookie}; lang=it` });
    expect(home.body).toContain('<html lang="en">');
    expect(home.body).toContain('My tables');
  });

  it('send anonymous visitors of a signed-in page to the sign-in form, remembering where they were going', async () => {
    expect((await page('/')).headers.location).toBe('/accedi');
    expect((await page('/profilo')).headers.location).toBe('/accedi?next=%2Fprofilo');
  });

  it('show the home page with the focus areas and my tables grouped by kind', async () => {
    const { user, session } = await signedIn(ctx);
    await newTable(ctx, { name: 'Laboratorio di Bari', kind: 'lab', members: [user] });
    await newTable(ctx, { name: 'Tavolo Puglia', kind: 'regional', members: [user] });
    await newTable(ctx, { name: 'Laboratorio altrui', kind: 'lab' });
    const home = await page('/', {}, session);
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Cultura');
    expect(home.body).toContain('Innovazione');
    expect(home.body).toMatch(
      /Laboratori<\/h3>[\s\S]*Laboratorio di Bari[\s\S]*Tavoli regionali<\/h3>[\s\S]*Tavolo Puglia/,
    );
    expect(home.body).not.toContain('Laboratorio altrui');
    expect(h1Count(home.body)).toBe(1);
  });

  it('escape what users write, such as a display name', async () => {
    const { session } = await signedIn(ctx, { displayName: '<script>alert(1)</script>' });
    const home = await page('/', {}, session);
    expect(home.body).not.toContain('<script>alert(1)</script>');
    expect(home.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('show a table with its members, and 404 for a private lab I am not in', async () => {
    const { user, session } = await signedIn(ctx);
    const mine = await newTable(ctx, { name: 'Lab con membri', members: [user] });
    const other = await newTable(ctx, { kind: 'lab' });
    const table = await page(`/tavoli/${mine.id}`, {}, session);
    expect(table.statusCode).toBe(200);
    expect(table.body).toContain(user.display_name);
    expect(table.body).toContain('<th scope="col">');
    const hidden = await page(`/tavoli/${other.id}`, {}, session);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toContain('Pagina non trovata');
    expect((await page('/tavoli/abc', {}, session)).statusCode).toBe(404);
  });

  it('refuse the admin pages to non-admins with a 403 page', async () => {
    const { session } = await signedIn(ctx);
    const response = await ctx.request({ method: 'GET', url: '/admin', as: session });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('Accesso negato');
    const admin = await signedIn(ctx, { role: 'admin' });
    expect((await page('/admin', {}, admin.session)).statusCode).toBe(200);
  });
});

describe('security headers and errors', () => {
  it('set a Content-Security-Policy without inline scripts, and forbid framing', async () => {
    const csp = String((await page('/accedi')).headers['content-security-policy']);
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src '));
    expect(scriptSrc?.trim()).toBe("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('keep the API reference working', async () => {
    const docs = await page('/docs');
    expect([200, 302]).toContain(docs.statusCode);
    const followed = docs.statusCode === 302 ? await page(String(docs.headers.location)) : docs;
    expect(followed.statusCode).toBe(200);
    expect((await ctx.request({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });

  it('answer an unknown page with an HTML 404 for a browser and JSON under /api', async () => {
    const html = await page('/pagina-che-non-esiste');
    expect(html.statusCode).toBe(404);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<html lang="it">');
    expect(html.headers['content-security-policy']).toContain("script-src 'self'");
    const api = await page('/api/nope');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
  });

  it('serve Bootstrap Italia from the package, but only its styles, fonts and icons', async () => {
    const css = await ctx.request({
      method: 'GET',
      url: '/static/vendor/bootstrap-italia/css/bootstrap-italia.min.css',
    });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    expect((await ctx.request({ method: 'GET', url: '/static/app.css' })).statusCode).toBe(200);
    const font = '/static/vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2';
    expect((await ctx.request({ method: 'GET', url: font })).statusCode).toBe(200);
    const js = await ctx.request({ method: 'GET', url: '/static/vendor/bootstrap-italia/js/bootstrap-italia.min.js' });
    expect(js.statusCode).toBe(404);
  });
});
