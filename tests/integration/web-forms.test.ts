import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newUser, signedIn } from '../support/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ LOGIN_MAX_PER_ACCOUNT: '3', LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => ctx.close());

/** A browser form post: urlencoded, with our Origin (as browsers send it) and maybe a session. */
const post = (url: string, fields: Record<string, string | string[]>, as?: { cookie: string }) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return ctx.request({
    method: 'POST',
    url,
    payload: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ctx.config.publicOrigin },
    ...(as ? { as } : {}),
  });
};
/** The flash cookie a redirect left, as the browser would send it back. */
const withFlash = (response: { cookies: Array<{ name: string; value: string }> }, session: { cookie: string }) => {
  const flash = response.cookies.find((c) => c.name === 'hs_flash');
  return { cookie: `${session.cookie}; hs_flash=${flash?.value}` };
};

describe('signing in with the form', () => {
  it('sets the session cookie and goes to the page asked for, on this site only', async () => {
    const user = await newUser(ctx);
    const response = await post('/accedi', { email: user.email, password: user.password, next: '/profilo' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/profilo');
    expect(response.cookies.find((c) => c.name === 'hs_session')?.httpOnly).toBe(true);
    const offsite = await post('/accedi', { email: user.email, password: user.password, next: '//evil.example/x' });
    expect(offsite.headers.location).toBe('/');
  });

  it('re-renders the form with the error, the email typed and status 401 on a wrong password', async () => {
    const user = await newUser(ctx);
    const response = await post('/accedi', { email: user.email, password: 'not my password' });
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain('Email o password errate.');
    expect(response.body).toContain(`value="${user.email}"`);
    expect(response.body).toMatch(/id="email"[^>]*aria-describedby="sign-in-error"[^>]*aria-invalid="true"/);
    expect(response.cookies.find((c) => c.name === 'hs_session')).toBeUndefined();
  });

  it('explains a rate limit in words, with status 429', async () => {
    const user = await newUser(ctx);
    for (let i = 0; i < 3; i++) await post('/accedi', { email: user.email, password: 'wrong guess!' });
    const limited = await post('/accedi', { email: user.email, password: user.password });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toMatch(/Troppi tentativi\. Riprova tra \d+ minut[oi]\./);
  });

  it('refuses a cookie-carrying form post without Origin, and one from another site', async () => {
    const { session } = await signedIn(ctx);
    const payload = 'name=furtivo';
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      cookie: session.cookie,
    };
    const noOrigin = await ctx.request({ method: 'POST', url: '/profilo/token', payload, headers });
    expect(noOrigin.statusCode).toBe(403);
    expect(noOrigin.headers['content-type']).toMatch(/text\/html/);
    expect(noOrigin.body).toContain('non proviene dalle pagine del forum');
    const foreign = await ctx.request({
      method: 'POST',
      url: '/profilo/token',
      payload,
      headers: { ...headers, origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('signs out with a POST, ending the session', async () => {
    const { session } = await signedIn(ctx);
    const out = await post('/esci', {}, session);
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/accedi');
    expect((await ctx.request({ method: 'GET', url: '/api/me', as: session })).statusCode).toBe(401);
  });

  it('lets an anonymous visitor switch language with a cookie', async () => {
    const response = await post('/lingua', { lang: 'en', next: '/password/reimposta' });
    expect(response.headers.location).toBe('/password/reimposta');
    const lang = response.cookies.find((c) => c.name === 'lang');
    expect(lang?.value).toBe('en');
    const page = await ctx.request({ method: 'GET', url: '/password/reimposta', headers: { cookie: 'lang=en' } });
    expect(page.body).toContain('Reset your password');
  });

  it('offers the language switch in the header when signed in too, and keeps the choice as a preference', async () => {
    const { user, session } = await signedIn(ctx);
    const home = await ctx.request({ method: 'GET', url: '/tavoli', as: session, headers: { accept: 'text/html' } });
    expect(home.body).toContain('action="/lingua"');
    expect((await post('/lingua', { lang: 'en', next: '/tavoli' }, session)).headers.location).toBe('/tavoli');
    const english = await ctx.request({ method: 'GET', url: '/tavoli', as: session, headers: { accept: 'text/html' } });
    expect(english.body).toContain('<html lang="en"');
    const me = await ctx.request({ method: 'GET', url: '/api/me', as: session });
    expect(me.json().user).toMatchObject({ id: user.id, locale: 'en' });
  });
});

describe('the profile', () => {
  it('creates an API token shown exactly once, lists it and revokes it', async () => {
    const { session } = await signedIn(ctx);
    const created = await post('/profilo/token', { name: 'Report mensile' }, session);
    expect(created.statusCode).toBe(303);
    const shown = await ctx.request({ method: 'GET', url: '/profilo', as: withFlash(created, session) });
    const token = shown.body.match(/id="new-secret"[^>]*value="(hs_[a-z2-7]+)"/)?.[1];
    expect(token).toBeDefined();
    const me = await ctx.request({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    const again = await ctx.request({ method: 'GET', url: '/profilo', as: session });
    expect(again.body).not.toContain(String(token));
    expect(again.body).toContain('Report mensile');
    // Tokens are folded under "Avanzate", closed unless their form has an error.
    expect(again.body).toMatch(/<h2[^>]*>Avanzate<\/h2>\s*<details><summary[^>]*>Token API personali<\/summary>/);
    const id = again.body.match(/action="\/profilo\/token\/(\d+)\/revoca"/)?.[1];
    expect((await post(`/profilo/token/${id}/revoca`, {}, session)).statusCode).toBe(303);
    const revoked = await ctx.request({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.statusCode).toBe(401);
  });

  it('changes the language, and explains a wrong current password', async () => {
    const { user, session } = await signedIn(ctx);
    expect((await post('/profilo/lingua', { locale: 'en' }, session)).statusCode).toBe(303);
    const page = await ctx.request({ method: 'GET', url: '/profilo', as: session });
    expect(page.body).toContain('<html lang="en">');
    const wrong = await post(
      '/profilo/password',
      {
        currentPassword: 'nope nope nope',
        password: 'a new long passphrase',
        passwordConfirm: 'a new long passphrase',
      },
      session,
    );
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('The current password is wrong.');
    expect(wrong.body).toMatch(/id="password-current"[^>]*aria-describedby="password-error"/);
    const changed = await post(
      '/profilo/password',
      { currentPassword: user.password, password: 'a new long passphrase', passwordConfirm: 'a new long passphrase' },
      session,
    );
    expect(changed.statusCode).toBe(303);
    expect(changed.cookies.find((c) => c.name === 'hs_session')).toBeDefined();
  });
});
