import { mailOutboxRepo } from '@hubspoke/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newEnte, newTable, newUser, signedIn } from '../support/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

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
const tokenOf = async (email: string, template: string) => {
  const mail = await mailOutboxRepo.latestFor(ctx.db, email, template);
  return (
    String(mail?.data.url ?? '')
      .split('/')
      .pop() ?? ''
  );
};

describe('links we mail', () => {
  it('accept an invitation through the page, once', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const lab = await newTable(ctx, { name: 'Laboratorio invitato' });
    const email = 'invitata@comune.example.it';
    const sent = await post(
      '/admin/inviti',
      { email, role: 'tutor', enteId: '', tableIds: [String(lab.id)] },
      admin.session,
    );
    expect(sent.statusCode).toBe(303);
    const token = await tokenOf(email, 'invitation');
    const form = {
      displayName: 'Persona Invitata',
      password: 'una password lunga',
      passwordConfirm: 'una password lunga',
    };
    const mismatch = await post(`/invito/${token}`, { ...form, passwordConfirm: 'altra cosa' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('Le due password non coincidono.');
    expect(mismatch.body).toContain('value="Persona Invitata"');
    const accepted = await post(`/invito/${token}`, form);
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/');
    const cookie = accepted.cookies.find((c) => c.name === 'hs_session');
    const home = await ctx.request({ method: 'GET', url: '/', as: { cookie: `hs_session=${cookie?.value}` } });
    expect(home.body).toContain('Laboratorio invitato');
    const reused = await post(`/invito/${token}`, form);
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain('Questo invito è già stato usato');
  });

  it('reset a password: the same answer for any address, then a new password from the link', async () => {
    const user = await newUser(ctx);
    for (const email of [user.email, 'nessuno@example.it']) {
      const response = await post('/password/reimposta', { email });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/password/reimposta?inviata');
    }
    const token = await tokenOf(user.email, 'password_reset');
    const weak = await post(`/password/nuova/${token}`, { password: 'corta', passwordConfirm: 'corta' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('La password deve avere tra 10 e 256 caratteri.');
    const reset = await post(`/password/nuova/${token}`, {
      password: 'nuova password lunga',
      passwordConfirm: 'nuova password lunga',
    });
    expect(reset.headers.location).toBe('/accedi');
    expect((await post('/accedi', { email: user.email, password: 'nuova password lunga' })).statusCode).toBe(303);
  });
});

describe('administration', () => {
  it('creates enti and tables, and manages members', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const person = await newUser(ctx, { displayName: 'Membro Nuovo' });
    expect(
      (await post('/admin/enti', { name: 'Comune di Matera', kind: 'comune', region: 'Basilicata' }, admin.session))
        .statusCode,
    ).toBe(303);
    const duplicate = await post('/admin/enti', { name: 'Comune di Matera', kind: 'comune' }, admin.session);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('Esiste già un ente con questo nome.');
    const ente = await newEnte(ctx);
    const created = await post(
      '/admin/tavoli',
      {
        name: 'Tavolo Basilicata',
        kind: 'regional',
        regions: 'Basilicata, Puglia',
        visibility: '',
        enteId: String(ente.id),
      },
      admin.session,
    );
    expect(created.statusCode).toBe(303);
    const table = await ctx.db
      .selectFrom('tables')
      .selectAll()
      .where('name', '=', 'Tavolo Basilicata')
      .executeTakeFirstOrThrow();
    expect(table).toMatchObject({ kind: 'regional', regions: ['Basilicata', 'Puglia'], visibility: 'participants' });

    expect(
      (await post(`/admin/tavoli/${table.id}/membri`, { userId: String(person.id) }, admin.session)).statusCode,
    ).toBe(303);
    const members = await ctx.request({ method: 'GET', url: `/admin/tavoli/${table.id}`, as: admin.session });
    expect(members.body).toContain('Membro Nuovo');
    const asked = await post(`/admin/tavoli/${table.id}/membri/${person.id}/rimuovi`, {}, admin.session);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Togliere Membro Nuovo dal tavolo «Tavolo Basilicata»?');
    expect(
      await ctx.db.selectFrom('table_members').select('user_id').where('table_id', '=', table.id).execute(),
    ).toHaveLength(1);
    const removed = await post(
      `/admin/tavoli/${table.id}/membri/${person.id}/rimuovi`,
      { conferma: '1' },
      admin.session,
    );
    expect(removed.statusCode).toBe(303);
    const count = await ctx.db.selectFrom('table_members').select('user_id').where('table_id', '=', table.id).execute();
    expect(count).toEqual([]);
  });

  it('lists people with a keyset "more" link and changes a role', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const someone = await newUser(ctx, { displayName: 'Futura Moderatrice' });
    for (let i = 0; i < 50; i++) await newUser(ctx);
    const first = await ctx.request({ method: 'GET', url: '/admin/utenti', as: admin.session });
    const more = first.body.match(/href="\/admin\/utenti\?dopo=([A-Za-z0-9_-]+)"/)?.[1];
    expect(more).toBeDefined();
    const second = await ctx.request({ method: 'GET', url: `/admin/utenti?dopo=${more}`, as: admin.session });
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Futura Moderatrice');
    expect((await post(`/admin/utenti/${someone.id}/ruolo`, { role: 'moderator' }, admin.session)).statusCode).toBe(
      303,
    );
    const row = await ctx.db.selectFrom('users').select('role').where('id', '=', someone.id).executeTakeFirstOrThrow();
    expect(row.role).toBe('moderator');
    const asked = await post(`/admin/utenti/${someone.id}/ruolo`, { role: 'admin' }, admin.session);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Rendere Futura Moderatrice amministratore?');
    const still = await ctx.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', someone.id)
      .executeTakeFirstOrThrow();
    expect(still.role).toBe('moderator');
    expect(
      (await post(`/admin/utenti/${someone.id}/ruolo`, { role: 'admin', conferma: '1' }, admin.session)).statusCode,
    ).toBe(303);
    const promoted = await ctx.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', someone.id)
      .executeTakeFirstOrThrow();
    expect(promoted.role).toBe('admin');
  });
});
