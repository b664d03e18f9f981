import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newEnte, newTable, newThread, signedIn } from '../support/factories.js';

let ctx: TestContext;
let moderator: Awaited<ReturnType<typeof signedIn>>;
let tutor: Awaited<ReturnType<typeof signedIn>>;
let author: Awaited<ReturnType<typeof signedIn>>;
let colleague: Awaited<ReturnType<typeof signedIn>>;
let outsider: Awaited<ReturnType<typeof signedIn>>;
let bari: { id: number };
let lecce: { id: number };

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const api = (method: Method, url: string, as?: Session, payload?: object) =>
  ctx.request({ method, url, ...(as ? { as } : {}), ...(payload ? { payload } : {}) });

const sheet = (overrides: object = {}) => ({
  title: 'Gemellaggio culturale Bari–Tirana',
  enteId: bari.id,
  summary: 'Scambio di operatori museali e una mostra itinerante sulle due sponde dell’Adriatico.',
  programme: 'Interreg IPA Italia-Albania-Montenegro',
  fund: 'FESR',
  countries: ['al', 'ME'],
  partners: ['Comune di Tirana', 'Museo Nazionale di Storia'],
  sectors: ['cultura', 'formazione'],
  focusArea: 'cultura',
  dimension: 'strategia',
  yearFrom: 2019,
  yearTo: 2021,
  budgetEur: 480000,
  results: 'Due mostre, 40 operatori formati.',
  lessons: 'Coinvolgere presto le soprintendenze.',
  ...overrides,
});

async function draft(as: Session, overrides: object = {}) {
  const response = await api('POST', '/api/experiences', as, sheet(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json().experience as { id: number; status: string; countries: string[] };
}

beforeAll(async () => {
  ctx = await createTestContext();
  bari = await newEnte(ctx, { name: 'Comune di Bari', region: 'Puglia' });
  lecce = await newEnte(ctx, { name: 'Comune di Lecce', region: 'Puglia' });
  moderator = await signedIn(ctx, { role: 'moderator' });
  tutor = await signedIn(ctx, { role: 'tutor' });
  author = await signedIn(ctx, { enteId: bari.id, displayName: 'Anna Bari' });
  colleague = await signedIn(ctx, { enteId: bari.id });
  outsider = await signedIn(ctx, { enteId: lecce.id });
});
afterAll(async () => {
  await ctx.close();
});

describe('experiences (schede di valorizzazione)', () => {
  it('keeps a draft to its ente, tutors and moderators until a moderator publishes it', async () => {
    const created = await draft(author.session);
    expect(created).toMatchObject({ status: 'draft', countries: ['AL', 'ME'] });

    for (const reader of [author, colleague, tutor, moderator]) {
      expect((await api('GET', `/api/experiences/${created.id}`, reader.session)).statusCode).toBe(200);
    }
    expect((await api('GET', `/api/experiences/${created.id}`, outsider.session)).statusCode).toBe(404);
    const outsiderList = await api('GET', '/api/experiences', outsider.session);
    expect(outsiderList.json().items.map((e: { id: number }) => e.id)).not.toContain(created.id);

    const selfPublish = await api('PATCH', `/api/experiences/${created.id}`, author.session, { status: 'published' });
    expect(selfPublish.statusCode).toBe(403);
    const published = await api('PATCH', `/api/experiences/${created.id}`, moderator.session, { status: 'published' });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().experience).toMatchObject({ status: 'published', canPublish: true });
    expect(published.json().experience.publishedAt).toEqual(expect.any(String));

    const seen = await api('GET', `/api/experiences/${created.id}`, outsider.session);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().experience).toMatchObject({ canEdit: false, canPublish: false });
    expect((await api('GET', '/api/experiences', undefined)).statusCode).toBe(401);
  });

  it('lets the author and moderators edit; the ente’s others only while it is a draft', async () => {
    const created = await draft(author.session, { title: 'Rete dei porti' });
    const byColleague = await api('PATCH', `/api/experiences/${created.id}`, colleague.session, { fund: 'FSE' });
    expect(byColleague.statusCode, byColleague.body).toBe(200);
    expect(byColleague.json().experience).toMatchObject({ fund: 'FSE', title: 'Rete dei porti' });
    await api('PATCH', `/api/experiences/${created.id}`, moderator.session, { status: 'published' });
    expect((await api('PATCH', `/api/experiences/${created.id}`, colleague.session, { fund: 'X' })).statusCode).toBe(
      403,
    );
    expect((await api('PATCH', `/api/experiences/${created.id}`, author.session, { fund: 'FESR' })).statusCode).toBe(
      200,
    );
    expect((await api('PATCH', `/api/experiences/${created.id}`, outsider.session, { fund: 'X' })).statusCode).toBe(
      403,
    );
    expect((await api('PATCH', '/api/experiences/999999', moderator.session, { fund: 'X' })).statusCode).toBe(404);
  });

  it('lets participants write only for their own ente', async () => {
    const response = await api('POST', '/api/experiences', outsider.session, sheet());
    expect(response.statusCode).toBe(403);
    expect((await api('POST', '/api/experiences', tutor.session, sheet({ enteId: lecce.id }))).statusCode).toBe(201);
    const unknown = await api('POST', '/api/experiences', moderator.session, sheet({ enteId: 999999 }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('ente_not_found');
  });

  it.each([
    [{ countries: ['IT', 'Atlantide'] }, 400, 'invalid_country', 'countries'],
    [{ countries: ['QQ'] }, 400, 'invalid_country', 'countries'],
    [{ sectors: ['turismo'] }, 400, 'invalid_sector', 'sectors'],
    [{ focusArea: 'sport' }, 400, 'invalid_focus_area', 'focusArea'],
    [{ dimension: 'marketing' }, 400, 'invalid_dimension', 'dimension'],
    [{ yearFrom: 2022, yearTo: 2020 }, 400, 'invalid_years', 'yearTo'],
    [{ title: '   ' }, 400, 'invalid_experience_title', 'title'],
    [{ threadIds: [999999] }, 400, 'invalid_links', 'threadIds'],
  ])('refuses %j with %i %s naming the field', async (overrides, status, code, fieldName) => {
    const response = await api('POST', '/api/experiences', author.session, sheet(overrides));
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message).toContain(fieldName);
  });

  it('refuses bodies with unknown fields or oversized text', async () => {
    expect((await api('POST', '/api/experiences', author.session, sheet({ colour: 'red' }))).statusCode).toBe(400);
    const long = await api('POST', '/api/experiences', author.session, sheet({ summary: 'x'.repeat(5001) }));
    expect(long.statusCode).toBe(400);
  });

  it('shows linked threads only to those who may read them', async () => {
    const lab = await newTable(ctx, { name: 'Laboratorio di Bari', members: [author.user] });
    const { thread } = await newThread(ctx, author.session, { tableId: lab.id, title: 'Bilancio del gemellaggio' });
    const created = await draft(author.session, { threadIds: [thread.id] });
    // An outsider cannot link a thread of a lab they do not read.
    const foreign = await api(
      'POST',
      '/api/experiences',
      outsider.session,
      sheet({ enteId: lecce.id, threadIds: [thread.id] }),
    );
    expect(foreign.statusCode).toBe(400);
    await api('PATCH', `/api/experiences/${created.id}`, moderator.session, { status: 'published' });

    const asAuthor = await api('GET', `/api/experiences/${created.id}`, author.session);
    expect(asAuthor.json().experience.links).toEqual([
      { kind: 'thread', id: thread.id, title: 'Bilancio del gemellaggio', tableName: 'Laboratorio di Bari' },
    ]);
    const asOutsider = await api('GET', `/api/experiences/${created.id}`, outsider.session);
    expect(asOutsider.json().experience.links).toEqual([]);
  });

  it('finds sheets by words, focus area, country, sector, fund, ente and year, page by page', async () => {
    const otranto = await newEnte(ctx, { name: 'Comune di Otranto', region: 'Puglia' });
    const ids: number[] = [];
    for (const [i, overrides] of [
      {
        title: 'Biblioteche digitali',
        enteId: otranto.id,
        focusArea: 'innovazione',
        sectors: ['innovazione_egov'],
        countries: ['TN'],
        fund: 'ENI CBC',
        yearFrom: 2015,
        yearTo: 2017,
      },
      {
        title: 'Festival euromediterraneo',
        enteId: otranto.id,
        sectors: ['cultura'],
        countries: ['EG'],
        fund: 'FESR',
        yearFrom: 2020,
        yearTo: null,
      },
      {
        title: 'Formazione dei funzionari',
        enteId: otranto.id,
        sectors: ['formazione'],
        countries: ['MA'],
        yearFrom: 2018,
        yearTo: 2022,
      },
    ].entries()) {
      const created = await draft(moderator.session, overrides);
      await api('PATCH', `/api/experiences/${created.id}`, moderator.session, { status: 'published' });
      ids[i] = created.id;
    }
    const found = async (query: string) => {
      const response = await api('GET', `/api/experiences?ente=${otranto.id}&${query}`, outsider.session);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.map((e: { id: number }) => e.id);
    };
    expect(await found('')).toEqual([ids[2], ids[1], ids[0]]);
    expect(await found('q=biblioteca')).toEqual([ids[0]]);
    expect(await found('q=gemellaggio')).toEqual([]);
    expect(await found('focusArea=innovazione')).toEqual([ids[0]]);
    expect(await found('country=eg')).toEqual([ids[1]]);
    expect(await found('sector=formazione')).toEqual([ids[2]]);
    expect(await found('fund=eni%20cbc')).toEqual([ids[0]]);
    expect(await found('year=2016')).toEqual([ids[0]]);
    expect(await found('year=2020')).toEqual([ids[2], ids[1]]);
    const elsewhere = await api('GET', `/api/experiences?ente=${lecce.id}`, outsider.session);
    expect(elsewhere.json().items.map((e: { id: number }) => e.id)).not.toContain(ids[0]);
    const words = await api(
      'GET',
      `/api/experiences?q=${encodeURIComponent('festival euromediterranei')}`,
      outsider.session,
    );
    expect(words.json().items.map((e: { id: number }) => e.id)).toContain(ids[1]);

    const first = await api('GET', `/api/experiences?ente=${otranto.id}&limit=2`, outsider.session);
    expect(first.json().items).toHaveLength(2);
    const next = await api(
      'GET',
      `/api/experiences?ente=${otranto.id}&limit=2&cursor=${first.json().nextCursor}`,
      outsider.session,
    );
    expect(next.json().items.map((e: { id: number }) => e.id)).toEqual([ids[0]]);
    expect(next.json().nextCursor).toBeNull();

    expect((await api('GET', '/api/experiences?country=ITA', outsider.session)).statusCode).toBe(400);
    expect((await api('GET', '/api/experiences?sector=turismo', outsider.session)).statusCode).toBe(400);
  });

  it('exports the selection as CSV, drafts only for those who read them', async () => {
    const hidden = await draft(author.session, {
      title: 'Bozza riservata =SOMMA(A1)',
      partners: ['=HYPERLINK("http://x")'],
    });
    const asColleague = await api('GET', '/api/experiences?format=csv', colleague.session);
    expect(asColleague.statusCode).toBe(200);
    expect(asColleague.headers['content-type']).toContain('text/csv');
    expect(asColleague.body.split('\r\n')[0]).toContain('"title","ente"');
    expect(asColleague.body).toContain(`"${hidden.id}","draft","Bozza riservata =SOMMA(A1)"`);
    // A cell that would start a formula is written as text.
    expect(asColleague.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    const asOutsider = await api('GET', '/api/experiences?format=csv', outsider.session);
    expect(asOutsider.body).not.toContain('Bozza riservata');
  });
});

describe('stakeholders', () => {
  const actor = (overrides: object = {}) => ({
    name: 'Camera di Commercio di Bari',
    kind: 'camera_di_commercio',
    region: 'Puglia',
    sectors: ['internazionalizzazione_impresa'],
    countries: ['AL', 'tn'],
    website: 'https://www.ba.camcom.it',
    email: 'Estero@BA.camcom.it',
    notes: 'Sportello per l’internazionalizzazione delle imprese.',
    enteId: bari.id,
    ...overrides,
  });

  it('are kept by their ente, read by every signed-in person', async () => {
    const created = await api('POST', '/api/stakeholders', author.session, actor());
    expect(created.statusCode, created.body).toBe(201);
    const stakeholder = created.json().stakeholder;
    expect(stakeholder).toMatchObject({ countries: ['AL', 'TN'], email: 'estero@ba.camcom.it', canEdit: true });

    const asOutsider = await api('GET', `/api/stakeholders/${stakeholder.id}`, outsider.session);
    expect(asOutsider.json().stakeholder).toMatchObject({ name: 'Camera di Commercio di Bari', canEdit: false });
    expect(
      (await api('PATCH', `/api/stakeholders/${stakeholder.id}`, outsider.session, { notes: 'x' })).statusCode,
    ).toBe(403);
    expect((await api('POST', '/api/stakeholders', outsider.session, actor())).statusCode).toBe(403);

    const edited = await api('PATCH', `/api/stakeholders/${stakeholder.id}`, colleague.session, {
      region: 'Basilicata',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().stakeholder).toMatchObject({ region: 'Basilicata', name: 'Camera di Commercio di Bari' });
    expect((await api('DELETE', `/api/stakeholders/${stakeholder.id}`, outsider.session)).statusCode).toBe(403);
    expect((await api('DELETE', `/api/stakeholders/${stakeholder.id}`, tutor.session)).statusCode).toBe(204);
    expect((await api('GET', `/api/stakeholders/${stakeholder.id}`, author.session)).statusCode).toBe(404);
  });

  it.each([
    [{ kind: 'partito' }, 'invalid_stakeholder_kind', 'kind'],
    [{ countries: ['XX'] }, 'invalid_country', 'countries'],
    [{ sectors: ['turismo'] }, 'invalid_sector', 'sectors'],
    [{ website: 'javascript:alert(1)' }, 'invalid_website', 'website'],
    [{ email: 'non-una-email' }, 'invalid_email', 'email'],
    [{ region: '' }, 'invalid_region', 'region'],
  ])('refuses %j with 400 %s', async (overrides, code, fieldName) => {
    const response = await api('POST', '/api/stakeholders', author.session, actor(overrides));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe(code);
    if (code !== 'invalid_email') expect(response.json().error.message).toContain(fieldName);
  });

  it('are filtered by words, kind, region, sector, country and ente, and exported', async () => {
    const region = `Regione ${Date.now()}`;
    const make = async (overrides: object) => {
      const response = await api('POST', '/api/stakeholders', moderator.session, actor({ region, ...overrides }));
      expect(response.statusCode, response.body).toBe(201);
      return response.json().stakeholder.id as number;
    };
    const university = await make({
      name: 'Università degli Studi',
      kind: 'universita',
      sectors: ['ricerca_sviluppo'],
      countries: ['LB'],
    });
    const ngo = await make({
      name: 'Associazione Ponti',
      kind: 'ong',
      sectors: ['politiche_sociali'],
      countries: ['TN'],
      enteId: lecce.id,
      notes: 'Accoglienza e mediazione',
    });
    const list = async (query: string) =>
      (await api('GET', `/api/stakeholders?region=${encodeURIComponent(region)}&${query}`, outsider.session))
        .json()
        .items.map((s: { id: number }) => s.id);
    expect(await list('')).toEqual([ngo, university]);
    expect(await list('kind=universita')).toEqual([university]);
    expect(await list('sector=politiche_sociali')).toEqual([ngo]);
    expect(await list('country=lb')).toEqual([university]);
    expect(await list(`ente=${lecce.id}`)).toEqual([ngo]);
    expect(await list('q=mediazione')).toEqual([ngo]);
    expect(await list('limit=1')).toEqual([ngo]);

    const csv = await api('GET', `/api/stakeholders?region=${encodeURIComponent(region)}&format=csv`, outsider.session);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"Associazione Ponti","ong"');
    expect((await api('GET', '/api/stakeholders?kind=partito', outsider.session)).statusCode).toBe(400);
  });
});
