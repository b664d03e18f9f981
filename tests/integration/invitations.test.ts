import { mailOutboxRepo } from '@hubspoke/db';
import { renderAccountMail } from '@hubspoke/mail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newEnte, newTable, newUser, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

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

describe('invitations an admin keeps track of', () => {
  const accept = (token: string) =>
    ctx.request({
      method: 'POST',
      url: '/api/auth/accept-invitation',
      payload: { token, password: 'una password lunga', displayName: 'Persona Invitata' },
    });

  it('are listed with where each stands; a second one to the same address replaces the first', async () => {
    const admin = await signedIn(ctx, { role: 'admin', displayName: 'Anna Amministratrice' });
    const ente = await newEnte(ctx, { name: 'Comune di Foggia' });
    const email = 'due.volte@comune.example.it';
    const invite = () =>
      ctx.request({
        method: 'POST',
        url: '/api/invitations',
        as: admin.session,
        payload: { email, role: 'participant', enteId: ente.id },
      });
    expect((await invite()).statusCode).toBe(201);
    const first = await invitationToken(email);
    expect((await invite()).statusCode).toBe(201);
    const second = await invitationToken(email);
    expect(second).not.toBe(first);
    expect((await accept(first)).statusCode).toBe(410);

    const mail = await mailOutboxRepo.latestFor(ctx.db, email, 'invitation');
    const rendered = renderAccountMail('invitation', 'it', mail?.data as { url: string });
    expect(rendered.text).toContain('Anna Amministratrice ti ha invitato');
    expect(rendered.text).toContain('con il ruolo di partecipante per Comune di Foggia');

    const list = await ctx.request({ method: 'GET', url: '/api/invitations', as: admin.session });
    const mine = list.json().items.filter((i: { email: string }) => i.email === email);
    expect(mine.map((i: { status: string }) => i.status)).toEqual(['pending', 'revoked']);
    expect(mine[0]).toMatchObject({ role: 'participant', ente: 'Comune di Foggia', invitedBy: 'Anna Amministratrice' });
    expect((await accept(second)).statusCode).toBe(201);
    const after = (await ctx.request({ method: 'GET', url: '/api/invitations', as: admin.session })).json().items;
    expect(after.find((i: { email: string }) => i.email === email).status).toBe('accepted');
    const participant = await signedIn(ctx);
    expect((await ctx.request({ method: 'GET', url: '/api/invitations', as: participant.session })).statusCode).toBe(
      403,
    );
  });

  it('can be taken back while pending, from the API and from the admin page', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const email = 'ritirato@comune.example.it';
    const created = await ctx.request({
      method: 'POST',
      url: '/api/invitations',
      as: admin.session,
      payload: { email, role: 'participant' },
    });
    const id = created.json().invitation.id;
    const token = await invitationToken(email);
    expect((await ctx.request({ method: 'DELETE', url: `/api/invitations/${id}`, as: admin.session })).statusCode).toBe(
      204,
    );
    expect((await ctx.request({ method: 'DELETE', url: `/api/invitations/${id}`, as: admin.session })).statusCode).toBe(
      404,
    );
    expect((await accept(token)).statusCode).toBe(410);

    const web = browserOf(ctx);
    const other = 'dalla.pagina@comune.example.it';
    await ctx.request({
      method: 'POST',
      url: '/api/invitations',
      as: admin.session,
      payload: { email: other, role: 'tutor' },
    });
    const page = await web.page('/admin/inviti', admin.session);
    expect(page.body).toContain(other);
    const pendingId = (await ctx.request({ method: 'GET', url: '/api/invitations', as: admin.session }))
      .json()
      .items.find((i: { email: string }) => i.email === other).id;
    expect(page.body).toContain(`/admin/inviti/${pendingId}/ritira`);
    expect((await web.post(`/admin/inviti/${pendingId}/ritira`, {}, admin.session)).statusCode).toBe(303);
    expect((await accept(await invitationToken(other))).statusCode).toBe(410);
  });
});

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
