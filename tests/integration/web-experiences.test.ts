import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newEnte, newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf, withFlash } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
let moderator: Awaited<ReturnType<typeof signedIn>>;
let author: Awaited<ReturnType<typeof signedIn>>;
let outsider: Awaited<ReturnType<typeof signedIn>>;
let bari: { id: number };
let lecce: { id: number };
let threadId: number;
let sheetId: number;

const sheetForm = (overrides: Record<string, string | string[]> = {}) => ({
  title: 'Gemellaggio museale Bari–Durazzo',
  enteId: String(bari.id),
  summary: 'Scambio di operatori museali e una mostra itinerante.\n\nDue sponde, un solo catalogo.',
  focusArea: 'cultura',
  dimension: 'strategia',
  yearFrom: '2019',
  yearTo: '2021',
  countries: ['AL', 'ME'],
  sectors: ['cultura', 'formazione'],
  partners: 'Comune di Durazzo\nMuseo archeologico di Durazzo',
  programme: 'Interreg IPA Italia-Albania-Montenegro',
  fund: 'FESR',
  budgetEur: '480.000',
  results: 'Due mostre, 40 operatori formati.',
  lessons: 'Coinvolgere presto le soprintendenze.',
  threadIds: '',
  documentIds: '',
  ...overrides,
});

const stakeholderForm = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Università degli Studi di Bari',
  kind: 'universita',
  region: 'Puglia',
  enteId: String(bari.id),
  sectors: ['ricerca_sviluppo'],
  countries: ['AL'],
  website: 'https://www.uniba.it',
  email: 'Relazioni.Internazionali@uniba.it',
  notes: 'Ufficio relazioni internazionali',
  ...overrides,
});

beforeAll(async () => {
  ctx = await createTestContext();
  web = browserOf(ctx);
  bari = await newEnte(ctx, { name: 'Comune di Bari (web)', region: 'Puglia' });
  lecce = await newEnte(ctx, { name: 'Comune di Lecce (web)', region: 'Puglia' });
  moderator = await signedIn(ctx, { role: 'moderator' });
  author = await signedIn(ctx, { enteId: bari.id, displayName: 'Anna Bari' });
  outsider = await signedIn(ctx, { enteId: lecce.id, displayName: 'Luca Lecce' });
  const table = await newTable(ctx, { kind: 'regional', members: [author.user, outsider.user] });
  threadId = (await newThread(ctx, author.session, { tableId: table.id, title: 'Mostra itinerante: il diario' })).thread
    .id;
});
afterAll(async () => {
  await ctx.close();
});

describe('the Esperienze pages', () => {
  it('offer a new sheet to a participant, limited to their own ente', async () => {
    const list = await web.page('/esperienze', author.session);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/esperienze/nuova"');
    expect(list.body).toContain('href="/api/experiences?format=csv"');
    const form = await web.page('/esperienze/nuova', author.session);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${bari.id}" selected>`);
    expect(form.body).not.toContain(`<option value="${lecce.id}"`);
    expect(form.body).toMatch(/<fieldset[^>]*>\s*<legend[^>]*>Settori<\/legend>/);
  });

  it('show a readable error next to a bad country or sector, keeping what was typed', async () => {
    const badCountry = await web.post('/esperienze', sheetForm({ countries: ['ZZ'] }), author.session);
    expect(badCountry.statusCode).toBe(400);
    expect(badCountry.body).toContain('Uno dei paesi indicati non è valido');
    expect(badCountry.body).toContain('id="exp-countries-error"');
    expect(badCountry.body).toContain('value="Gemellaggio museale Bari–Durazzo"');

    const badSector = await web.post('/esperienze', sheetForm({ sectors: ['pesca'] }), author.session);
    expect(badSector.statusCode).toBe(400);
    expect(badSector.body).toContain('Uno dei settori indicati non è valido');
    expect(badSector.body).toContain('id="exp-sectors-error"');

    const badYears = await web.post('/esperienze', sheetForm({ yearTo: '2015' }), author.session);
    expect(badYears.statusCode).toBe(400);
    expect(badYears.body).toContain('id="exp-yearTo-error"');
  });

  it('let a participant draft a sheet through the form, and show it to them', async () => {
    const created = await web.post('/esperienze', sheetForm({ threadIds: String(threadId) }), author.session);
    expect(created.statusCode, created.body).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/esperienze\/\d+$/);
    sheetId = Number(location.split('/').pop());

    const page = await web.page(location, withFlash(created, author.session));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Scheda salvata in bozza');
    expect(page.body).toContain('Gemellaggio museale Bari–Durazzo');
    expect(page.body).toContain('Bozza');
    expect(page.body).toContain('2019–2021');
    expect(page.body).toContain('Albania, Montenegro');
    expect(page.body).toContain('Cultura, Formazione');
    expect(page.body).toMatch(/480\.000\s€/);
    expect(page.body).toContain('<li>Museo archeologico di Durazzo</li>');
    expect(page.body).toContain(`href="/discussioni/${threadId}"`);
    expect(page.body).toContain(`href="/esperienze/${sheetId}/modifica"`);
    expect(page.body).not.toContain(`action="/esperienze/${sheetId}/stato"`);

    const list = await web.page('/esperienze', author.session);
    expect(list.body).toContain(`href="/esperienze/${sheetId}"`);
    expect(list.body).toContain('data-draft');
  });

  it('let the author change the sheet through the same form', async () => {
    const form = await web.page(`/esperienze/${sheetId}/modifica`, author.session);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Comune di Durazzo\nMuseo archeologico di Durazzo</textarea>');
    const saved = await web.post(
      `/esperienze/${sheetId}`,
      sheetForm({ title: 'Gemellaggio museale Bari–Durazzo–Tirana', threadIds: String(threadId) }),
      author.session,
    );
    expect(saved.statusCode, saved.body).toBe(303);
    const page = await web.page(`/esperienze/${sheetId}`, withFlash(saved, author.session));
    expect(page.body).toContain('Modifiche alla scheda salvate.');
    expect(page.body).toContain('Gemellaggio museale Bari–Durazzo–Tirana');
  });

  it('hide the draft from a participant of another ente with the not-found page', async () => {
    const page = await web.page(`/esperienze/${sheetId}`, outsider.session);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Pagina non trovata');
    const list = await web.page('/esperienze', outsider.session);
    expect(list.body).not.toContain(`href="/esperienze/${sheetId}"`);
    expect((await web.post(`/esperienze/${sheetId}`, sheetForm(), outsider.session)).statusCode).toBe(404);
  });

  it('let a moderator publish it with the button; then every participant finds it and the filters narrow the list', async () => {
    const sheet = await web.page(`/esperienze/${sheetId}`, moderator.session);
    expect(sheet.body).toContain(`action="/esperienze/${sheetId}/stato"`);
    expect(sheet.body).toContain('Pubblica');
    expect((await web.post(`/esperienze/${sheetId}/stato`, { stato: 'published' }, author.session)).statusCode).toBe(
      403,
    );
    const published = await web.post(`/esperienze/${sheetId}/stato`, { stato: 'published' }, moderator.session);
    expect(published.statusCode).toBe(303);
    const after = await web.page(`/esperienze/${sheetId}`, withFlash(published, moderator.session));
    expect(after.body).toContain('Scheda pubblicata');
    expect(after.body).toContain('Riporta in bozza');

    const seen = await web.page(`/esperienze/${sheetId}`, outsider.session);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain(`href="/esperienze/${sheetId}/modifica"`);
    const link = `href="/esperienze/${sheetId}"`;
    expect((await web.page('/esperienze', outsider.session)).body).toContain(link);
    for (const query of [
      'paese=AL',
      'settore=cultura',
      'area=cultura',
      'anno=2020',
      'fondo=FESR',
      `ente=${bari.id}`,
      'q=mostra',
    ]) {
      const narrowed = await web.page(`/esperienze?${query}`, outsider.session);
      expect(narrowed.body, query).toContain(link);
    }
    for (const query of ['paese=TN', 'settore=trasporti', 'anno=2023', `ente=${lecce.id}`, 'q=ferrovia']) {
      const narrowed = await web.page(`/esperienze?${query}`, outsider.session);
      expect(narrowed.body, query).not.toContain(link);
      expect(narrowed.body, query).toContain('Nessuna esperienza corrisponde ai filtri scelti.');
    }
    const filtered = await web.page('/esperienze?paese=AL&settore=cultura', outsider.session);
    expect(filtered.body).toContain('href="/api/experiences?country=AL&amp;sector=cultura&amp;format=csv"');
  });

  it('read in English for those who chose it', async () => {
    await ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', outsider.user.id).execute();
    const sheet = await web.page(`/esperienze/${sheetId}`, outsider.session);
    expect(sheet.body).toContain('Countries involved');
    expect(sheet.body).toContain('Culture, Training');
    expect(sheet.body).toMatch(/€480,000/);
    const list = await web.page('/stakeholder', outsider.session);
    expect(list.body).toContain('Territorial stakeholders');
    await ctx.db.updateTable('users').set({ locale: 'it' }).where('id', '=', outsider.user.id).execute();
  });

  it('show hostile text in a title escaped', async () => {
    const created = await web.post(
      '/esperienze',
      sheetForm({ title: '<script>alert("x")</script> Gemellaggio' }),
      author.session,
    );
    expect(created.statusCode, created.body).toBe(303);
    const page = await web.page(String(created.headers.location), author.session);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Gemellaggio');
    const list = await web.page('/esperienze', author.session);
    expect(list.body).not.toContain('<script>alert');
  });
});

describe('the Stakeholder page', () => {
  let stakeholderId: number;

  it('lets a participant add a stakeholder for their ente through the form', async () => {
    const list = await web.page('/stakeholder', author.session);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/stakeholder/nuovo"');
    const bad = await web.post('/stakeholder', stakeholderForm({ website: 'uniba' }), author.session);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="sh-website-error"');
    expect(bad.body).toContain('inizia con https://');

    const created = await web.post('/stakeholder', stakeholderForm(), author.session);
    expect(created.statusCode, created.body).toBe(303);
    expect(created.headers.location).toBe('/stakeholder');
    const page = await web.page('/stakeholder', withFlash(created, author.session));
    expect(page.body).toContain('«Università degli Studi di Bari» aggiunto agli stakeholder.');
    expect(page.body).toContain('<caption>');
    expect(page.body).toContain('href="https://www.uniba.it/" rel="noopener noreferrer nofollow"');
    expect(page.body).toContain('href="mailto:relazioni.internazionali@uniba.it"');
    const id = page.body.match(/href="\/stakeholder\/(\d+)\/modifica"/)?.[1];
    expect(id).toBeDefined();
    stakeholderId = Number(id);
  });

  it('filters the list and offers the same selection as CSV', async () => {
    const hit = await web.page('/stakeholder?tipo=universita&regione=Puglia&paese=AL', outsider.session);
    expect(hit.body).toContain('Università degli Studi di Bari');
    expect(hit.body).toContain(
      'href="/api/stakeholders?kind=universita&amp;region=Puglia&amp;country=AL&amp;format=csv"',
    );
    const miss = await web.page('/stakeholder?tipo=ong', outsider.session);
    expect(miss.body).not.toContain('Università degli Studi di Bari');
    expect(miss.body).toContain('Nessuno stakeholder corrisponde ai filtri scelti.');
  });

  it('keeps others’ stakeholders out of reach of a participant of another ente', async () => {
    const list = await web.page('/stakeholder', outsider.session);
    expect(list.body).toContain('Università degli Studi di Bari');
    expect(list.body).not.toContain(`href="/stakeholder/${stakeholderId}/modifica"`);
    const edit = await web.page(`/stakeholder/${stakeholderId}/modifica`, outsider.session);
    expect(edit.statusCode).toBe(403);
    expect(edit.body).toContain('Accesso negato');
    expect((await web.post(`/stakeholder/${stakeholderId}`, stakeholderForm(), outsider.session)).statusCode).toBe(403);
    expect(
      (await web.post(`/stakeholder/${stakeholderId}/elimina`, { conferma: '1' }, outsider.session)).statusCode,
    ).toBe(403);
    const own = await web.post('/stakeholder', stakeholderForm({ enteId: String(bari.id) }), outsider.session);
    expect(own.statusCode).toBe(403);
  });

  it('lets the ente change and then delete it, after a confirmation', async () => {
    const form = await web.page(`/stakeholder/${stakeholderId}/modifica`, author.session);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Università degli Studi di Bari"');
    const saved = await web.post(
      `/stakeholder/${stakeholderId}`,
      stakeholderForm({ name: 'Università di Bari Aldo Moro' }),
      author.session,
    );
    expect(saved.statusCode, saved.body).toBe(303);
    const page = await web.page('/stakeholder', withFlash(saved, author.session));
    expect(page.body).toContain('Università di Bari Aldo Moro');

    const asked = await web.post(`/stakeholder/${stakeholderId}/elimina`, {}, author.session);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Eliminare «Università di Bari Aldo Moro»?');
    expect(asked.body).toContain('name="conferma" value="1"');
    const deleted = await web.post(`/stakeholder/${stakeholderId}/elimina`, { conferma: '1' }, author.session);
    expect(deleted.statusCode).toBe(303);
    const gone = await web.page('/stakeholder', withFlash(deleted, author.session));
    expect(gone.body).toContain('eliminato dagli stakeholder');
    expect(gone.body).not.toContain(`data-stakeholder="${stakeholderId}"`);
  });
});
