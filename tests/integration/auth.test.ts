import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newUser, signedIn, signIn } from '../support/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ LOGIN_MAX_PER_ACCOUNT: '3', LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => ctx.close());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  ctx.request({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers });

describe('login', () => {
  it('signs in with the right password and sets a hardened session cookie', async () => {
    const user = await newUser(ctx);
    const response = await login(user.email.toUpperCase(), user.password);
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ id: user.id, email: user.email, role: 'participant', locale: 'it' });
    expect(response.json().user).not.toHaveProperty('passwordHash');
    const cookie = response.cookies.find((c) => c.name === 'hs_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.value).toMatch(/^[a-z2-7]{32}$/);
  });

  it('stores only the SHA-256 of the session token, and hashes passwords with argon2id', async () => {
    const user = await newUser(ctx);
    const session = await signIn(ctx, user);
    const token = session.cookie.split('=')[1] ?? '';
    const rows = await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toBe(token);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers the same error for a wrong password and for an unknown email, in similar time', async () => {
    const user = await newUser(ctx);
    const timed = async (email: string) => {
      const start = performance.now();
      const response = await login(email, 'wrong password here');
      return { response, ms: performance.now() - start };
    };
    const wrongPassword = await timed(user.email);
    const unknownEmail = await timed('nobody-at-all@example.it');
    expect(wrongPassword.response.statusCode).toBe(401);
    expect(unknownEmail.response.statusCode).toBe(401);
    expect(unknownEmail.response.json()).toEqual(wrongPassword.response.json());
    expect(wrongPassword.response.json().error.code).toBe('invalid_credentials');
    // Both verify an argon2 hash; an unknown email must not answer in a fraction of the time.
    expect(unknownEmail.ms).toBeGreaterThan(wrongPassword.ms / 4);
  });

  it('uses a Secure cookie when the public URL is https', async () => {
    const secure = await createTestContext({ PUBLIC_URL: 'https://forum.example.it' });
    try {
      const user = await newUser(secure);
      const response = await secure.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: user.password },
      });
      expect(response.cookies.find((c) => c.name === 'hs_session')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('rate-limits guesses on one account with 429 and Retry-After', async () => {
    const user = await newUser(ctx);
    for (let i = 0; i < 3; i++) expect((await login(user.email, 'wrong-password!')).statusCode).toBe(401);
    const limited = await login(user.email, user.password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('rate-limits many attempts from one IP across accounts', async () => {
    const strict = await createTestContext({ LOGIN_MAX_PER_IP: '2' });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++)
        codes.push(
          (
            await strict.request({
              method: 'POST',
              url: '/api/auth/login',
              payload: { email: `x${i}@example.it`, password: 'whatever-pass' },
            })
          ).statusCode,
        );
      expect(codes).toEqual([401, 401, 429]);
    } finally {
      await strict.close();
    }
  });
});

describe('sign-in backoff', () => {
  const from = (remoteAddress: string, email: string, password: string) =>
    ctx.request({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

  it('never locks the owner out because a stranger guessed from another address', async () => {
    const user = await newUser(ctx);
    const codes = [];
    for (let i = 0; i < 8; i++) codes.push((await from('203.0.113.66', user.email, 'a wrong guess!')).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
    expect((await from('198.51.100.7', user.email, user.password)).statusCode).toBe(200);
    // The stranger's address is still slowed down, even with the right password.
    expect((await from('203.0.113.66', user.email, user.password)).statusCode).toBe(429);
  });

  it('answers 429 rate_limited after the free failures, with a wait that doubles', async () => {
    const user = await newUser(ctx);
    const ip = '203.0.113.90';
    for (let i = 0; i < 3; i++) expect((await from(ip, user.email, 'a wrong guess!')).statusCode).toBe(401);
    const first = await from(ip, user.email, 'a wrong guess!');
    expect(first.statusCode).toBe(429);
    expect(first.json().error.code).toBe('rate_limited');
    expect(first.headers['retry-after']).toBe('1');
    // About time: the wait runs on PostgreSQL's clock (now()), which a test cannot move. A refused
    // attempt changes nothing, so the same attempt is tried again until the wait is over.
    await expect
      .poll(async () => (await from(ip, user.email, 'a wrong guess!')).statusCode, { timeout: 3_000, interval: 100 })
      .toBe(401);
    const second = await from(ip, user.email, user.password);
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('2');
    await expect
      .poll(async () => (await from(ip, user.email, user.password)).statusCode, { timeout: 5_000, interval: 100 })
      .toBe(200);
    // A success starts afresh: the free failures are free again.
    for (let i = 0; i < 3; i++) expect((await from(ip, user.email, 'a wrong guess!')).statusCode).toBe(401);
  });

  it('counts only failures toward the per-address ceiling, so an office signing in is never blocked', async () => {
    const office = await createTestContext({ LOGIN_MAX_PER_IP: '3' });
    try {
      const ip = '192.0.2.10';
      const colleagues = await Promise.all(Array.from({ length: 8 }, () => newUser(office)));
      const signIns = async () => {
        const codes = [];
        for (const person of colleagues) {
          codes.push(
            (
              await office.request({
                method: 'POST',
                url: '/api/auth/login',
                payload: { email: person.email, password: person.password },
                remoteAddress: ip,
              })
            ).statusCode,
          );
        }
        return codes;
      };
      for (let round = 0; round < 4; round++) expect(new Set(await signIns())).toEqual(new Set([200]));
      const guess = (email: string, remoteAddress = ip) =>
        office.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password: 'a wrong guess!' },
          remoteAddress,
        });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await guess(`nobody${i}@example.it`)).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      expect((await guess('nobody@example.it', '192.0.2.11')).statusCode).toBe(401);
    } finally {
      await office.close();
    }
  });
});

describe('sessions', () => {
  it('knows who I am with the cookie and not without', async () => {
    const { user, session } = await signedIn(ctx);
    expect((await ctx.request({ method: 'GET', url: '/api/me', as: session })).json().user.id).toBe(user.id);
    const anonymous = await ctx.request({ method: 'GET', url: '/api/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');
  });

  it('is invalid after logout', async () => {
    const { session } = await signedIn(ctx);
    const out = await ctx.request({ method: 'POST', url: '/api/auth/logout', as: session });
    expect(out.statusCode).toBe(204);
    expect((await ctx.request({ method: 'GET', url: '/api/me', as: session })).statusCode).toBe(401);
  });

  it('ends every session on password change, and the new password works', async () => {
    const user = await newUser(ctx);
    const first = await signIn(ctx, user);
    const second = await signIn(ctx, user);
    const change = await ctx.request({
      method: 'PUT',
      url: '/api/me/password',
      as: first,
      payload: { currentPassword: user.password, newPassword: 'a brand new passphrase' },
    });
    expect(change.statusCode).toBe(204);
    expect((await ctx.request({ method: 'GET', url: '/api/me', as: second })).statusCode).toBe(401);
    expect((await ctx.request({ method: 'GET', url: '/api/me', as: first })).statusCode).toBe(401);
    const renewed = change.cookies.find((c) => c.name === 'hs_session');
    expect(
      (await ctx.request({ method: 'GET', url: '/api/me', as: { cookie: `hs_session=${renewed?.value}` } })).statusCode,
    ).toBe(200);
    expect((await login(user.email, 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('slides the expiry of a session used in the second half of its life', async () => {
    const { user, session } = await signedIn(ctx);
    const soon = new Date(Date.now() + 2 * 86_400_000);
    await ctx.db.updateTable('sessions').set({ expires_at: soon }).where('user_id', '=', user.id).execute();
    const response = await ctx.request({ method: 'GET', url: '/api/me', as: session });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === 'hs_session')).toBeDefined();
    const row = await ctx.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it('refuses and deletes an expired session', async () => {
    const { user, session } = await signedIn(ctx);
    await ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    expect((await ctx.request({ method: 'GET', url: '/api/me', as: session })).statusCode).toBe(401);
    expect(await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toHaveLength(0);
  });
});

describe('CSRF', () => {
  it('rejects a cookie-authenticated write without Origin or from another origin', async () => {
    const { session } = await signedIn(ctx);
    const payload = { name: 'script' };
    const noOrigin = await ctx.request({
      method: 'POST',
      url: '/api/me/tokens',
      headers: { cookie: session.cookie },
      payload,
    });
    expect(noOrigin.statusCode).toBe(403);
    expect(noOrigin.json().error.code).toBe('csrf_rejected');
    const evil = await ctx.request({
      method: 'POST',
      url: '/api/me/tokens',
      headers: { cookie: session.cookie, origin: 'https://evil.example' },
      payload,
    });
    expect(evil.statusCode).toBe(403);
    const good = await ctx.request({ method: 'POST', url: '/api/me/tokens', as: session, payload });
    expect(good.statusCode).toBe(201);
  });

  it('rejects a cross-site login attempt', async () => {
    const user = await newUser(ctx);
    const response = await login(user.email, user.password, { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
  });
});

describe('personal API tokens', () => {
  it('authenticate scripts without Origin, and stop working once revoked', async () => {
    const { user, session } = await signedIn(ctx);
    const created = await ctx.request({
      method: 'POST',
      url: '/api/me/tokens',
      as: session,
      payload: { name: 'report script' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^hs_/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await ctx.request({ method: 'GET', url: '/api/me', headers: bearer });
    expect(me.json().user.id).toBe(user.id);
    const write = await ctx.request({
      method: 'PATCH',
      url: '/api/me/preferences',
      headers: bearer,
      payload: { locale: 'en' },
    });
    expect(write.statusCode).toBe(200);
    expect(write.json().user.locale).toBe('en');
    const listed = await ctx.request({ method: 'GET', url: '/api/me/tokens', as: session });
    expect(listed.json().items.map((t: { id: number }) => t.id)).toContain(id);
    expect(JSON.stringify(listed.json())).not.toContain(token);

    expect((await ctx.request({ method: 'DELETE', url: `/api/me/tokens/${id}`, as: session })).statusCode).toBe(204);
    const revoked = await ctx.request({ method: 'GET', url: '/api/me', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('invalid_token');
  });

  it('are revoked when the password changes', async () => {
    const { user, session } = await signedIn(ctx);
    const { token } = (
      await ctx.request({ method: 'POST', url: '/api/me/tokens', as: session, payload: { name: 'script' } })
    ).json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await ctx.request({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);
    const change = await ctx.request({
      method: 'PUT',
      url: '/api/me/password',
      as: session,
      payload: { currentPassword: user.password, newPassword: 'a brand new passphrase' },
    });
    expect(change.statusCode).toBe(204);
    const after = await ctx.request({ method: 'GET', url: '/api/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_token');
  });

  it('cannot revoke somebody else’s token', async () => {
    const owner = await signedIn(ctx);
    const other = await signedIn(ctx);
    const { id } = (
      await ctx.request({ method: 'POST', url: '/api/me/tokens', as: owner.session, payload: { name: 'mine' } })
    ).json();
    expect((await ctx.request({ method: 'DELETE', url: `/api/me/tokens/${id}`, as: other.session })).statusCode).toBe(
      404,
    );
  });
});
