import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { DEFAULT_PASSWORD, newReply, newTable, newThread, signedIn, signIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '10000' });
  admin = await signedIn(ctx, { role: 'admin' });
});
afterAll(() => ctx.close());

const me = (as: Session) => ctx.request({ method: 'GET', url: '/api/me', as });
const adminPost = (path: string) => ctx.request({ method: 'POST', url: `/api/admin${path}`, as: admin.session });

describe('deactivating an account', () => {
  it('ends its sessions and tokens, refuses sign-in with a clear code, keeps its content, and is reversible', async () => {
    const person = await signedIn(ctx, { email: 'paola@comune.example.it' });
    const table = await newTable(ctx, { kind: 'regional', members: [person.user] });
    const { thread } = await newThread(ctx, person.session, { tableId: table.id, title: 'Una discussione che resta' });
    const token = (
      await ctx.request({ method: 'POST', url: '/api/me/tokens', as: person.session, payload: { name: 'script' } })
    ).json().token;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await ctx.request({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);

    const off = await adminPost(`/users/${person.user.id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json().user.deactivated).toBe(true);
    expect((await me(person.session)).statusCode).toBe(401);
    expect((await ctx.request({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(401);
    const login = await ctx.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'paola@comune.example.it', password: DEFAULT_PASSWORD },
    });
    expect([login.statusCode, login.json().error.code]).toEqual([403, 'account_deactivated']);
    const wrong = await ctx.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'paola@comune.example.it', password: 'not the password at all' },
    });
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect((await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}`, as: admin.session })).statusCode).toBe(
      200,
    );

    expect((await adminPost(`/users/${person.user.id}/reactivate`)).json().user.deactivated).toBe(false);
    expect(
      (await me(await signIn(ctx, { email: 'paola@comune.example.it', password: DEFAULT_PASSWORD }))).statusCode,
    ).toBe(200);

    const actions = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'user')
      .where('subject_id', '=', String(person.user.id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['user.deactivate', 'user.reactivate']);
  });

  it('is for admins, not on themselves, and only of existing accounts', async () => {
    const person = await signedIn(ctx);
    const refused = await ctx.request({
      method: 'POST',
      url: `/api/admin/users/${admin.user.id}/deactivate`,
      as: person.session,
    });
    expect(refused.statusCode).toBe(403);
    expect((await adminPost(`/users/${admin.user.id}/deactivate`)).json().error.code).toBe('own_account');
    expect((await adminPost('/users/999999/deactivate')).statusCode).toBe(404);
    expect((await adminPost('/users/abc/deactivate')).statusCode).toBe(400);
  });
});

describe('erasing one’s own account', () => {
  it('needs the password, and leaves posts under "ex partecipante N" while the name, email and mentions go', async () => {
    const person = await signedIn(ctx, { email: 'erika@provincia.example.it', displayName: 'Erika Bianchi' });
    const other = await signedIn(ctx, { displayName: 'Luca Verdi' });
    const table = await newTable(ctx, { kind: 'regional', members: [person.user, other.user] });
    const { thread } = await newThread(ctx, person.session, { tableId: table.id, title: 'Progetto di gemellaggio' });
    await newReply(ctx, other.session, thread.id, `Grazie @${person.user.handle}, ci sentiamo presto.`);
    await ctx.request({ method: 'POST', url: `/api/threads/${thread.id}/bookmark`, as: person.session });

    const wrong = await ctx.request({
      method: 'DELETE',
      url: '/api/me',
      as: person.session,
      payload: { password: 'nope-nope-nope' },
    });
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'wrong_password']);
    expect((await ctx.request({ method: 'DELETE', url: '/api/me', as: person.session, payload: {} })).statusCode).toBe(
      400,
    );

    const erased = await ctx.request({
      method: 'DELETE',
      url: '/api/me',
      as: person.session,
      payload: { password: DEFAULT_PASSWORD },
    });
    expect(erased.statusCode).toBe(202);
    expect((await me(person.session)).statusCode).toBe(401);

    const page = (await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}`, as: other.session })).json();
    const [opening, reply] = page.posts;
    expect(opening.author.displayName).toBe(`ex partecipante ${person.user.id}`);
    expect(opening.body).toBe('Primo messaggio della discussione.');
    expect(reply.body).not.toContain(person.user.handle);
    expect(reply.body).toContain(`@ex-partecipante-${person.user.id}`);
    expect(reply.bodyHtml).not.toContain(person.user.handle);

    const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', person.user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: `ex partecipante ${person.user.id}`, ente_id: null });
    expect(row.email).not.toContain('erika');
    expect(row.erased_at).not.toBeNull();
    const dump = JSON.stringify(
      await Promise.all([
        ctx.db.selectFrom('notifications').selectAll().execute(),
        ctx.db.selectFrom('events').select('data').execute(),
        ctx.db.selectFrom('posts').select(['body', 'body_html']).execute(),
        ctx.db.selectFrom('users').select(['email', 'display_name', 'handle']).execute(),
      ]),
    );
    expect(dump).not.toContain('Erika');
    expect(dump).not.toContain('erika@provincia');
    expect(await ctx.db.selectFrom('bookmarks').selectAll().where('user_id', '=', person.user.id).execute()).toEqual(
      [],
    );
    const signInAgain = await ctx.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'erika@provincia.example.it', password: DEFAULT_PASSWORD },
    });
    expect(signInAgain.statusCode).toBe(401);
  });

  it('turns the posts into tombstones when asked, and keeps the consent records', async () => {
    const person = await signedIn(ctx);
    const table = await newTable(ctx, { kind: 'regional', members: [person.user] });
    const { thread } = await newThread(ctx, person.session, { tableId: table.id, title: 'Da cancellare del tutto' });
    await ctx.request({
      method: 'POST',
      url: '/api/admin/consents/privacy/versions',
      as: admin.session,
      payload: { textIt: 'Informativa', textEn: 'Notice' },
    });
    const version = (await ctx.request({ method: 'GET', url: '/api/consents', as: person.session }))
      .json()
      .items.find((c: { kind: string }) => c.kind === 'privacy').version;
    await ctx.request({
      method: 'POST',
      url: '/api/consents/privacy/accept',
      as: person.session,
      payload: { version },
    });

    const friend = await signedIn(ctx);
    const started = await ctx.request({
      method: 'POST',
      url: '/api/conversations',
      as: person.session,
      payload: { userIds: [friend.user.id], body: 'Messaggio da cancellare' },
    });
    expect(started.statusCode).toBe(201);
    await ctx.request({
      method: 'PUT',
      url: `/api/threads/${thread.id}/draft`,
      as: person.session,
      payload: { body: 'Bozza' },
    });

    const erased = await ctx.request({
      method: 'DELETE',
      url: '/api/me',
      as: person.session,
      payload: { password: DEFAULT_PASSWORD, deletePosts: true },
    });
    expect(erased.statusCode).toBe(202);
    // Private messages and drafts go too; the other member keeps the conversation.
    const conversation = await ctx.request({
      method: 'GET',
      url: `/api/conversations/${started.json().conversationId}`,
      as: friend.session,
    });
    expect(conversation.json().messages).toEqual([]);
    const list = await ctx.request({ method: 'GET', url: '/api/conversations', as: friend.session });
    expect(list.json().unreadConversations).toBe(0);
    expect(conversation.json().conversation.members.map((m: { id: number }) => m.id)).toEqual([friend.user.id]);
    const drafts = await ctx.db.selectFrom('post_drafts').select('id').where('user_id', '=', person.user.id).execute();
    expect(drafts).toEqual([]);
    const [opening] = (await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}`, as: admin.session })).json()
      .posts;
    expect(opening).toMatchObject({ deleted: true, body: '' });
    const stored = await ctx.db.selectFrom('posts').select('body').where('thread_id', '=', thread.id).execute();
    expect(stored.map((p) => p.body)).toEqual(['']);
    const consents = await ctx.db
      .selectFrom('consent_records')
      .selectAll()
      .where('user_id', '=', person.user.id)
      .execute();
    expect(consents).toHaveLength(1);
  });
});

describe('an admin erasing an account', () => {
  it('records it in the audit log, and refuses twice or on themselves', async () => {
    const person = await signedIn(ctx);
    const erased = await ctx.request({
      method: 'DELETE',
      url: `/api/admin/users/${person.user.id}`,
      as: admin.session,
    });
    expect(erased.statusCode).toBe(202);
    expect((await me(person.session)).statusCode).toBe(401);
    const again = await ctx.request({ method: 'DELETE', url: `/api/admin/users/${person.user.id}`, as: admin.session });
    expect(again.statusCode).toBe(404);
    const self = await ctx.request({ method: 'DELETE', url: `/api/admin/users/${admin.user.id}`, as: admin.session });
    expect(self.json().error.code).toBe('own_account');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.erase')
      .where('subject_id', '=', String(person.user.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(admin.user.id);
  });
});

/** Accepts whatever consent is pending, so the pages do not ask first. */
async function consentToAll(as: Session) {
  const items = (await ctx.request({ method: 'GET', url: '/api/consents', as })).json().items;
  for (const c of items.filter((i: { pending: boolean }) => i.pending)) {
    await ctx.request({ method: 'POST', url: `/api/consents/${c.kind}/accept`, as, payload: { version: c.version } });
  }
}

describe('the pages', () => {
  it('let a person erase their own account with their password, and end up signed out', async () => {
    const web = browserOf(ctx);
    const person = await signedIn(ctx);
    await consentToAll(person.session);
    expect((await web.page('/profilo', person.session)).body).toContain('href="/profilo/elimina"');
    const wrong = await web.post('/profilo/elimina', { password: 'not my password' }, person.session);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('La password attuale non è corretta.');
    const empty = await web.post('/profilo/elimina', { password: '' }, person.session);
    expect(empty.statusCode).toBe(400);
    const done = await web.post('/profilo/elimina', { password: DEFAULT_PASSWORD, deletePosts: '1' }, person.session);
    expect([done.statusCode, done.headers.location]).toEqual([303, '/accedi']);
    expect((await me(person.session)).statusCode).toBe(401);
  });

  it('let an admin deactivate, reactivate and erase someone, asking before erasing', async () => {
    const web = browserOf(ctx);
    const person = await signedIn(ctx, { displayName: 'Franco Rinaldi' });
    await consentToAll(admin.session);
    const off = await web.post(`/admin/utenti/${person.user.id}/disattiva`, {}, admin.session);
    expect(off.statusCode).toBe(303);
    expect((await me(person.session)).statusCode).toBe(401);
    expect((await web.page('/admin/utenti', admin.session)).body).toContain('disattivato');
    expect((await web.post(`/admin/utenti/${person.user.id}/riattiva`, {}, admin.session)).statusCode).toBe(303);
    const ask = await web.page(`/admin/utenti/${person.user.id}/elimina`, admin.session);
    expect(ask.body).toContain('Eliminare l’account di Franco Rinaldi?');
    expect((await web.post(`/admin/utenti/${person.user.id}/elimina`, {}, admin.session)).statusCode).toBe(303);
    expect((await web.page(`/admin/utenti/${person.user.id}/elimina`, admin.session)).statusCode).toBe(404);
    const participant = await signedIn(ctx);
    expect((await web.post(`/admin/utenti/${participant.user.id}/disattiva`, {}, participant.session)).statusCode).toBe(
      403,
    );
  });
});
