import { mailOutboxRepo } from '@hubspoke/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newEnte, newTable, newUser, signedIn } from '../support/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** The token from the link in the latest invitation mail queued for `email`. */
async function invitationToken(email: string): Promise<string> {
  const mail = await mailOutboxRepo.latestFor(ctx.db, email, 'invitation');
  const url = String(mail?.data.url ?? '');
  expect(url).toMatch(/^http:\/\/forum\.test\/invito\//);
  return url.split('/').pop() ?? '';
}

describe('invitations', () => {
  it('let an invited person set a password once, join the invited tables and sign in', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const ente = await newEnte(ctx);
    const lab = await newTable(ctx, { kind: 'lab' });
    const email = 'nuova.persona@comune.example.it';
    const created = await ctx.request({
      method: 'POST',
      url: '/api/invitations',
      as: admin.session,
      payload: { email, role: 'tutor', enteId: ente.id, tableIds: [lab.id] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().invitation).toMatchObject({ email, role: 'tutor' });

    const token = await invitationToken(email);
    const accept = () =>
      ctx.request({
        method: 'POST',
        url: '/api/auth/accept-invitation',
        payload: { token, password: 'una password lunga', displayName: 'Nuova Persona' },
      });
    const accepted = await accept();
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().user).toMatchObject({
      email,
      role: 'tutor',
      enteId: ente.id,
      displayName: 'Nuova Persona',
      handle: 'nuova.persona',
    });
    const cookie = accepted.cookies.find((c) => c.name === 'hs_session');
    const tables = await ctx.request({
      method: 'GET',
      url: '/api/tables',
      as: { cookie: `hs_session=${cookie?.value}` },
    });
    expect(tables.json().items.map((t: { id: number }) => t.id)).toContain(lab.id);

    const again = await accept();
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('invitation_invalid');
  });

  it('expire', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const email = 'scaduto@example.it';
    await ctx.request({
      method: 'POST',
      url: '/api/invitations',
      as: admin.session,
      payload: { email, role: 'participant' },
    });
    const token = await invitationToken(email);
    await ctx.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('email', '=', email)
      .execute();
    const response = await ctx.request({
      method: 'POST',
      url: '/api/auth/accept-invitation',
      payload: { token, password: 'una password lunga', displayName: 'Scaduto' },
    });
    expect(response.statusCode).toBe(410);
  });

  it('are refused to anyone but admins, and need a valid table', async () => {
    for (const role of ['participant', 'tutor', 'moderator'] as const) {
      const { session } = await signedIn(ctx, { role });
      const response = await ctx.request({
        method: 'POST',
        url: '/api/invitations',
        as: session,
        payload: { email: 'x@example.it', role: 'admin' },
      });
      expect(response.statusCode, role).toBe(403);
    }
    const admin = await signedIn(ctx, { role: 'admin' });
    const unknown = await ctx.request({
      method: 'POST',
      url: '/api/invitations',
      as: admin.session,
      payload: { email: 'x@example.it', role: 'participant', tableIds: [999999] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_table');
  });

  it('cannot create a second account for an existing email', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const existing = await newUser(ctx);
    await ctx.request({
      method: 'POST',
      url: '/api/invitations',
      as: admin.session,
      payload: { email: existing.email, role: 'participant' },
    });
    const token = await invitationToken(existing.email);
    const response = await ctx.request({
      method: 'POST',
      url: '/api/auth/accept-invitation',
      payload: { token, password: 'una password lunga', displayName: 'Doppio' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('email_taken');
  });
});

describe('password reset', () => {
  it('answers 202 whether or not the email exists, and mails only real accounts', async () => {
    const user = await newUser(ctx);
    const known = await ctx.request({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: user.email },
    });
    const unknown = await ctx.request({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { email: 'ghost@example.it' },
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(await mailOutboxRepo.latestFor(ctx.db, user.email, 'password_reset')).toBeDefined();
    expect(await mailOutboxRepo.latestFor(ctx.db, 'ghost@example.it', 'password_reset')).toBeUndefined();
  });

  it('sets a new password once, and ends existing sessions', async () => {
    const { user, session } = await signedIn(ctx);
    await ctx.request({ method: 'POST', url: '/api/auth/password-reset', payload: { email: user.email } });
    const mail = await mailOutboxRepo.latestFor(ctx.db, user.email, 'password_reset');
    const token = String(mail?.data.url).split('/').pop();
    const confirm = () =>
      ctx.request({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token, password: 'la nuova password' },
      });
    expect((await confirm()).statusCode).toBe(204);
    expect((await confirm()).statusCode).toBe(410);
    expect((await ctx.request({ method: 'GET', url: '/api/me', as: session })).statusCode).toBe(401);
    const login = await ctx.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'la nuova password' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('refuses an expired token and a short password', async () => {
    const user = await newUser(ctx);
    await ctx.request({ method: 'POST', url: '/api/auth/password-reset', payload: { email: user.email } });
    const token = String((await mailOutboxRepo.latestFor(ctx.db, user.email, 'password_reset'))?.data.url)
      .split('/')
      .pop();
    const short = await ctx.request({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('weak_password');
    await ctx.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    const expired = await ctx.request({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { token, password: 'abbastanza lunga' },
    });
    expect(expired.statusCode).toBe(410);
  });
});
