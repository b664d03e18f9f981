import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newEnte, newTable, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let uploads: Awaited<ReturnType<typeof uploadFolder>>;
let web: ReturnType<typeof browserOf>;
let admin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  uploads = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: uploads.dir, POST_MAX_PER_WINDOW: '10000' });
  web = browserOf(ctx);
  admin = await signedIn(ctx, { role: 'admin' });
});
afterAll(async () => {
  await ctx.close();
  await uploads.remove();
});

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, as: Session, payload?: object) =>
  ctx.request({ method, url, as, ...(payload ? { payload } : {}) });
const ofEnte = (tableId: number, enteId: number) =>
  ctx.db.updateTable('tables').set({ ente_id: enteId }).where('id', '=', tableId).execute();

describe('creating and editing an ente', () => {
  it('takes the programme’s kinds, is for admins, and keeps names unique', async () => {
    const participant = await signedIn(ctx);
    const created = await api('POST', '/api/enti', admin.session, {
      name: 'Città metropolitana di Bari',
      kind: 'citta_metropolitana',
      region: 'Puglia',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().ente.id;
    expect((await api('POST', '/api/enti', admin.session, { name: 'Vecchio tipo', kind: 'other' })).statusCode).toBe(
      400,
    );
    const twice = await api('POST', '/api/enti', admin.session, {
      name: 'città metropolitana di bari',
      kind: 'comune',
    });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'ente_exists']);
    expect((await api('POST', '/api/enti', participant.session, { name: 'Comune X', kind: 'comune' })).statusCode).toBe(
      403,
    );

    const edited = await api('PATCH', `/api/enti/${id}`, admin.session, { region: 'Basilicata', kind: 'altro' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().ente).toMatchObject({
      id,
      kind: 'altro',
      region: 'Basilicata',
      name: 'Città metropolitana di Bari',
    });
    const other = await newEnte(ctx, { name: 'Comune di Matera' });
    const clash = await api('PATCH', `/api/enti/${other.id}`, admin.session, { name: 'Città metropolitana di Bari' });
    expect([clash.statusCode, clash.json().error.code]).toEqual([409, 'ente_exists']);
    expect((await api('PATCH', '/api/enti/999999', admin.session, { region: 'X' })).json().error.code).toBe(
      'ente_not_found',
    );
    expect((await api('PATCH', `/api/enti/${id}`, participant.session, { region: 'X' })).statusCode).toBe(403);
    expect((await api('PATCH', `/api/enti/${id}`, admin.session, { colour: 'blu' })).statusCode).toBe(400);
    expect((await api('PATCH', `/api/enti/${id}`, admin.session, { name: '  x ' })).json().error.code).toBe(
      'invalid_name',
    );
  });
});

describe('an ente as its readers see it', () => {
  it('counts its people, lists the tables each reader may see, and its products by dimension', async () => {
    const ente = await newEnte(ctx, { name: 'Comune di Lecce', region: 'Puglia' });
    const insider = await signedIn(ctx, { enteId: ente.id, displayName: 'Anna Lecce' });
    const colleague = await signedIn(ctx, { enteId: ente.id });
    const outsider = await signedIn(ctx);
    const regional = await newTable(ctx, { name: 'Tavolo salentino', kind: 'regional', members: [insider.user] });
    const lab = await newTable(ctx, { name: 'Laboratorio riservato di Lecce', kind: 'lab', members: [insider.user] });
    await ofEnte(regional.id, ente.id);
    await ofEnte(lab.id, ente.id);

    const published = await newDocument(ctx, insider.session, {
      tableId: String(regional.id),
      title: 'Piano strategico di Lecce',
      dimension: 'strategia',
    });
    expect((await transition(ctx, insider.session, published.id, 'submitted')).statusCode).toBe(200);
    expect((await transition(ctx, admin.session, published.id, 'published')).statusCode).toBe(200);
    await newDocument(ctx, insider.session, {
      tableId: String(regional.id),
      title: 'Bozza di analisi',
      dimension: 'competenze',
    });
    await newDocument(ctx, insider.session, { tableId: String(lab.id), title: 'Documento del laboratorio' });

    const listed = (await api('GET', '/api/enti', outsider.session))
      .json()
      .items.find((e: { id: number }) => e.id === ente.id);
    expect(listed).toMatchObject({ name: 'Comune di Lecce', participantCount: 2 });
    expect(listed.tables.map((t: { name: string }) => t.name)).toEqual(['Tavolo salentino']);
    const forMember = (await api('GET', '/api/enti', insider.session))
      .json()
      .items.find((e: { id: number }) => e.id === ente.id);
    expect(forMember.tables.map((t: { name: string }) => t.name).sort()).toEqual([
      'Laboratorio riservato di Lecce',
      'Tavolo salentino',
    ]);

    const page = (await api('GET', `/api/enti/${ente.id}`, outsider.session)).json();
    expect(page.people.map((p: { id: number }) => p.id).sort()).toEqual([insider.user.id, colleague.user.id].sort());
    expect(page.profile).toBeNull();
    const titles = (view: { products: Array<{ dimension: string | null; documents: Array<{ title: string }> }> }) =>
      Object.fromEntries(view.products.map((g) => [g.dimension ?? '-', g.documents.map((d) => d.title)]));
    expect(titles(page)).toEqual({ strategia: ['Piano strategico di Lecce'] });
    const own = (await api('GET', `/api/enti/${ente.id}`, insider.session)).json();
    expect(titles(own)).toEqual({
      strategia: ['Piano strategico di Lecce'],
      competenze: ['Bozza di analisi'],
      '-': ['Documento del laboratorio'],
    });
    expect((await api('GET', '/api/enti/999999', outsider.session)).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: `/api/enti/${ente.id}` })).statusCode).toBe(401);

    const html = (await web.page(`/enti/${ente.id}`, outsider.session)).body;
    expect(html).toContain('Comune di Lecce');
    expect(html).toContain('Piano strategico di Lecce');
    expect(html).not.toContain('Laboratorio riservato di Lecce');
    expect(html).not.toContain('Bozza di analisi');
    expect((await web.page('/enti', outsider.session)).body).toContain(`href="/enti/${ente.id}"`);
  });

  it('escapes what an admin typed, and saves the admin’s edits from the form', async () => {
    const ente = await newEnte(ctx, { name: '<img src=x onerror=alert(1)> Comune' });
    const page = (await web.page(`/enti/${ente.id}`, admin.session)).body;
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; Comune');
    expect(page).not.toContain('<img src=x');
    const saved = await web.post(
      `/admin/enti/${ente.id}`,
      { name: 'Comune di Brindisi', kind: 'comune', region: 'Puglia' },
      admin.session,
    );
    expect([saved.statusCode, saved.headers.location]).toEqual([303, `/enti/${ente.id}`]);
    expect((await web.page(`/admin/enti/${ente.id}`, admin.session)).body).toContain('value="Comune di Brindisi"');
    const empty = await web.post(`/admin/enti/${ente.id}`, { name: '', kind: 'comune' }, admin.session);
    expect(empty.statusCode).toBe(400);
  });
});
