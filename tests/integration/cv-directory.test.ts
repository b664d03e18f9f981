import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { type FilePart, filesUnder, multipart, SAMPLES, uploadFolder } from '../support/documents.js';
import { newEnte, newUser, signedIn } from '../support/factories.js';
import { browserOf, withFlash } from '../support/web-forms.js';

/**
 * The CV on the profile and the competence directory: what a CV may hold (and the 400 naming
 * the field when it may not), its file, and who the directory shows — only people holding the
 * current Liberatoria, decided at each request from their consent records.
 */
const LIMIT = 8192;
let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
let folder: Awaited<ReturnType<typeof uploadFolder>>;
let admin: Person;
/** Reads the directory and pages, and never gives a consent (so no page asks them for one). */
let reader: Person;
type Person = Awaited<ReturnType<typeof signedIn>>;

const YEAR = Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Rome' }).format(new Date()));

beforeAll(async () => {
  folder = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: folder.dir, UPLOAD_MAX_BYTES: String(LIMIT) });
  web = browserOf(ctx);
  admin = await signedIn(ctx, { role: 'admin' });
  reader = await signedIn(ctx, { role: 'tutor', displayName: 'Tutor Lettrice' });
});
afterAll(async () => {
  await ctx.close();
  await folder.remove();
});

const FULL_CV = {
  headline: '  Funzionaria dell’ufficio Europa  ',
  summary: 'Mi occupo di progettazione europea.\r\n\r\nLavoro sulla valorizzazione del patrimonio culturale.',
  languages: [
    { code: 'it', level: 'native' },
    { code: 'en', level: 'C1' },
  ],
  competences: [
    { skill: 'Progettazione europea', dimension: 'strategia', focusArea: 'cultura' },
    { skill: 'Gestione di partenariati', dimension: null },
    { skill: 'Rendicontazione' },
  ],
  experiences: [
    {
      title: 'Rete dei porti storici',
      programme: 'Interreg NEXT MED',
      fund: 'FESR',
      countries: ['TN', 'GR'],
      yearFrom: 2019,
      yearTo: 2022,
      role: 'Capofila',
    },
    { title: 'Scambio con Sfax', countries: [], yearFrom: 2023, role: 'Partner' },
  ],
};

const getCv = (as: Session) => ctx.request({ method: 'GET', url: '/api/me/cv', as });
const putCv = (as: Session, payload: object) => ctx.request({ method: 'PUT', url: '/api/me/cv', as, payload });
const putFile = async (as: Session, file: FilePart, fields: Record<string, string> = {}) =>
  ctx.request({ method: 'PUT', url: '/api/me/cv/file', as, ...(await multipart(fields, file)) });
const directory = (as: Session, query: Record<string, string | number> = {}) =>
  ctx.request({
    method: 'GET',
    url: `/api/directory?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`,
    as,
  });
const listedIds = async (query: Record<string, string | number> = {}, as = reader.session): Promise<number[]> => {
  const response = await directory(as, { limit: 100, ...query });
  expect(response.statusCode).toBe(200);
  return response.json().items.map((i: { person: { id: number } }) => i.person.id);
};
const entry = (userId: number, as = reader.session) =>
  ctx.request({ method: 'GET', url: `/api/directory/${userId}`, as });

let liberatoria = 0;
async function publishLiberatoria() {
  const response = await ctx.request({
    method: 'POST',
    url: '/api/admin/consents/liberatoria/versions',
    as: admin.session,
    payload: { textIt: `Liberatoria, versione ${liberatoria + 1}.`, textEn: 'Liberatoria.' },
  });
  expect(response.statusCode).toBe(201);
  liberatoria = response.json().version;
  return liberatoria;
}
const accept = async (as: Session) => {
  const response = await ctx.request({
    method: 'POST',
    url: '/api/consents/liberatoria/accept',
    as,
    payload: { version: liberatoria },
  });
  expect(response.statusCode).toBe(201);
};
const revoke = async (as: Session) => {
  const response = await ctx.request({ method: 'POST', url: '/api/consents/liberatoria/revoke', as });
  expect(response.statusCode).toBe(200);
};

/** A participant with a CV saved (and, unless told otherwise, the current Liberatoria). */
async function person(
  cv: object,
  o: { enteId?: number; displayName?: string; consent?: boolean } = {},
): Promise<Person> {
  const p = await signedIn(ctx, {
    ...(o.enteId !== undefined ? { enteId: o.enteId } : {}),
    ...(o.displayName ? { displayName: o.displayName } : {}),
  });
  const saved = await putCv(p.session, cv);
  expect(saved.statusCode, saved.body).toBe(200);
  if (o.consent !== false) await accept(p.session);
  return p;
}

describe('the CV', () => {
  it('is saved whole and read back clean; what a PUT leaves out is emptied; the GET’s cv goes back as it is', async () => {
    const me = await signedIn(ctx);
    const empty = await getCv(me.session);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({
      cv: { headline: '', summary: '', languages: [], competences: [], experiences: [] },
      file: null,
      updatedAt: null,
      listed: false,
      liberatoria: 'unpublished',
    });

    const saved = await putCv(me.session, FULL_CV);
    expect(saved.statusCode, saved.body).toBe(200);
    const read = (await getCv(me.session)).json();
    expect(read).toEqual(saved.json());
    expect(read.cv).toEqual({
      headline: 'Funzionaria dell’ufficio Europa',
      summary: 'Mi occupo di progettazione europea.\n\nLavoro sulla valorizzazione del patrimonio culturale.',
      languages: FULL_CV.languages,
      competences: [
        { skill: 'Progettazione europea', dimension: 'strategia', focusArea: 'cultura' },
        { skill: 'Gestione di partenariati', dimension: null, focusArea: null },
        { skill: 'Rendicontazione', dimension: null, focusArea: null },
      ],
      experiences: [
        { ...FULL_CV.experiences[0] },
        {
          title: 'Scambio con Sfax',
          programme: null,
          fund: null,
          countries: [],
          yearFrom: 2023,
          yearTo: null,
          role: 'Partner',
        },
      ],
    });
    expect(Date.parse(read.updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(read.listed).toBe(false);

    const again = await putCv(me.session, read.cv);
    expect(again.statusCode).toBe(200);
    expect(again.json().cv).toEqual(read.cv);

    const shorter = await putCv(me.session, { headline: 'Solo il titolo' });
    expect(shorter.json().cv).toEqual({
      headline: 'Solo il titolo',
      summary: '',
      languages: [],
      competences: [],
      experiences: [],
    });
  });

  const experience = (changes: object) => ({
    experiences: [{ title: 'Progetto', countries: ['IT'], yearFrom: 2020, role: 'Partner', ...changes }],
  });
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ skill: `Competenza ${i}` }));
  const refusals: Array<[string, object, string, string]> = [
    ['an unknown language', { languages: [{ code: 'xx', level: 'B2' }] }, 'unknown_language', 'languages/0/code'],
    ['an upper-case language', { languages: [{ code: 'EN', level: 'B2' }] }, 'unknown_language', 'languages/0/code'],
    ['an unknown level', { languages: [{ code: 'en', level: 'D1' }] }, 'unknown_level', 'languages/0/level'],
    ['an unknown country', experience({ countries: ['IT', 'ZZ'] }), 'unknown_country', 'experiences/0/countries/1'],
    ['a start in the future', experience({ yearFrom: YEAR + 1 }), 'year_in_future', 'experiences/0/yearFrom'],
    ['an end in the future', experience({ yearTo: YEAR + 1 }), 'year_in_future', 'experiences/0/yearTo'],
    ['an end before the start', experience({ yearFrom: 2020, yearTo: 2018 }), 'year_order', 'experiences/0/yearTo'],
    ['a year before 1950', experience({ yearFrom: 1949 }), 'invalid_year', 'experiences/0/yearFrom'],
    ['a year that is not a number', experience({ yearFrom: 'duemila' }), 'invalid_request', 'experiences/0/yearFrom'],
    ['no role', { experiences: [{ title: 'Progetto', yearFrom: 2020 }] }, 'field_required', 'experiences/0/role'],
    ['a blank skill', { competences: [{ skill: '   ' }] }, 'field_required', 'competences/0/skill'],
    ['51 competences', { competences: many(51) }, 'too_many_entries', 'competences'],
    [
      'an unknown dimension',
      { competences: [{ skill: 'x', dimension: 'turismo' }] },
      'unknown_dimension',
      'competences/0/dimension',
    ],
    [
      'an unknown focus area',
      { competences: [{ skill: 'x', focusArea: 'sport' }] },
      'unknown_focus_area',
      'competences/0/focusArea',
    ],
    [
      'a language twice',
      {
        languages: [
          { code: 'fr', level: 'A2' },
          { code: 'fr', level: 'B1' },
        ],
      },
      'duplicate_language',
      'languages/1/code',
    ],
    ['a headline of 201 characters', { headline: 'a'.repeat(201) }, 'text_too_long', 'headline'],
    ['a summary of 5001 characters', { summary: 'è'.repeat(5001) }, 'text_too_long', 'summary'],
    [
      'a skill of 201 characters',
      { competences: [{ skill: 's'.repeat(201) }] },
      'text_too_long',
      'competences/0/skill',
    ],
    ['an unknown field', { headline: 'x', photo: 'me.jpg' }, 'unknown_field', 'photo'],
    [
      'an unknown field in an entry',
      { languages: [{ code: 'en', level: 'B2', years: 3 }] },
      'unknown_field',
      'languages/0/years',
    ],
  ];
  it.each(refusals)(
    'refuses %s with 400 naming the field, and keeps the CV saved before',
    async (_, body, code, field) => {
      const me = await signedIn(ctx);
      expect((await putCv(me.session, { headline: 'Prima' })).statusCode).toBe(200);
      const refused = await putCv(me.session, body);
      expect(refused.statusCode).toBe(400);
      const error = refused.json().error;
      expect(error.code).toBe(code);
      expect(error.message).toMatch(new RegExp(`(^|\\s|/)${field.replace(/\//g, '\\/')}(\\s|$)`));
      expect((await getCv(me.session)).json().cv.headline).toBe('Prima');
    },
  );

  it('takes the current year and 50 entries, the limits themselves', async () => {
    const me = await signedIn(ctx);
    const saved = await putCv(me.session, {
      headline: 'h'.repeat(200),
      competences: many(50),
      ...experience({ yearFrom: YEAR, yearTo: YEAR }),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().cv.competences).toHaveLength(50);
  });

  it('is described in the API reference, with its vocabularies', async () => {
    const spec = await ctx.request({ method: 'GET', url: '/docs/json' });
    expect(spec.statusCode).toBe(200);
    const paths = spec.json().paths;
    for (const path of ['/api/me/cv', '/api/me/cv/file', '/api/directory', '/api/directory/{userId}'])
      expect(paths[path], path).toBeDefined();
    const body = JSON.stringify(paths['/api/me/cv'].put.requestBody);
    expect(body).toContain('"C2"');
    expect(body).toContain('"TN"');
  });

  it('is for signed-in people, each their own', async () => {
    expect((await ctx.request({ method: 'GET', url: '/api/me/cv' })).statusCode).toBe(401);
    const put = await ctx.request({
      method: 'PUT',
      url: '/api/me/cv',
      headers: { origin: ctx.config.publicOrigin },
      payload: { headline: 'x' },
    });
    expect(put.statusCode).toBe(401);
    for (const url of ['/api/directory', '/api/directory/1', '/api/directory/1/file', '/api/me/cv/file']) {
      expect((await ctx.request({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });
});

describe('the CV file', () => {
  const docx = SAMPLES.office('word/document.xml');
  const odt = SAMPLES.openDocument('application/vnd.oasis.opendocument.text');
  const download = (as: Session) => ctx.request({ method: 'GET', url: '/api/me/cv/file', as });

  it('takes a PDF, an ODT or a DOCX typed by its bytes, replaces it, and removes it', async () => {
    const me = await signedIn(ctx);
    expect((await download(me.session)).json().error.code).toBe('cv_file_not_found');

    const pdf = SAMPLES.pdf('il mio cv');
    const stored = await putFile(me.session, { name: 'Curriculum Rossi.pdf', bytes: pdf, type: 'application/pdf' });
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json().file).toMatchObject({
      name: 'Curriculum Rossi.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
    });
    const got = await download(me.session);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toMatch(/^attachment;/);
    expect(got.rawPayload.equals(pdf)).toBe(true);

    // A DOCX sent under a PDF's name is kept as what it is.
    const replaced = await putFile(me.session, { name: 'cv.pdf', bytes: docx });
    expect(replaced.json().file).toMatchObject({
      name: 'cv.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    expect((await download(me.session)).rawPayload.equals(docx)).toBe(true);
    const asOdt = await putFile(me.session, { name: 'cv.odt', bytes: odt });
    expect(asOdt.json().file.mediaType).toBe('application/vnd.oasis.opendocument.text');

    const removed = await ctx.request({ method: 'DELETE', url: '/api/me/cv/file', as: me.session });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().file).toBeNull();
    expect((await download(me.session)).statusCode).toBe(404);
    const again = await ctx.request({ method: 'DELETE', url: '/api/me/cv/file', as: me.session });
    expect([again.statusCode, again.json().error.code]).toEqual([404, 'cv_file_not_found']);
    // The CV's content was never touched by its file.
    expect((await getCv(me.session)).json().cv.headline).toBe('');
  });

  const refused: Array<[string, FilePart, number, string]> = [
    [
      'an executable renamed .pdf',
      { name: 'cv.pdf', bytes: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00PE\x00\x00') },
      415,
      'unsupported_media_type',
    ],
    [
      'an HTML page renamed .pdf',
      { name: 'cv.pdf', bytes: '<!doctype html><script>alert(1)</script>' },
      415,
      'unsupported_media_type',
    ],
    [
      'a spreadsheet (a document, not a CV)',
      { name: 'cv.xlsx', bytes: SAMPLES.office('xl/workbook.xml') },
      415,
      'unsupported_media_type',
    ],
    ['a picture', { name: 'foto.png', bytes: SAMPLES.png() }, 415, 'unsupported_media_type'],
    ['an empty file', { name: 'cv.pdf', bytes: '' }, 400, 'empty_file'],
    [
      'a file over the limit',
      { name: 'cv.pdf', bytes: Buffer.concat([SAMPLES.pdf(), Buffer.alloc(LIMIT)]) },
      413,
      'payload_too_large',
    ],
  ];
  it.each(refused)('refuses %s, keeping the file before and storing nothing', async (_, file, status, code) => {
    const me = await signedIn(ctx);
    const pdf = SAMPLES.pdf(`prima ${Math.random()}`);
    expect((await putFile(me.session, { name: 'cv.pdf', bytes: pdf })).statusCode).toBe(200);
    const before = await filesUnder(folder.dir);
    const response = await putFile(me.session, file);
    expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
    expect((await download(me.session)).rawPayload.equals(pdf)).toBe(true);
    expect(await filesUnder(folder.dir)).toEqual(before);
  });

  it('refuses a form with other fields, or with no file', async () => {
    const me = await signedIn(ctx);
    const extra = await putFile(me.session, { name: 'cv.pdf', bytes: SAMPLES.pdf() }, { title: 'x' });
    expect(extra.statusCode).toBe(400);
    const none = await ctx.request({ method: 'PUT', url: '/api/me/cv/file', as: me.session, ...(await multipart({})) });
    expect([none.statusCode, none.json().error.code]).toEqual([400, 'file_required']);
    expect((await getCv(me.session)).json().file).toBeNull();
  });
});

describe('the directory', () => {
  let enteBari: { id: number };
  let entePalermo: { id: number };
  let giulia: Person;

  beforeAll(async () => {
    enteBari = await newEnte(ctx, { name: 'Comune di Bari', region: 'Puglia' });
    entePalermo = await newEnte(ctx, { name: 'Comune di Palermo', region: 'Sicilia' });
  });

  it('shows nobody while no Liberatoria is published, then only who accepted it', async () => {
    giulia = await person(FULL_CV, { enteId: enteBari.id, displayName: 'Giulia Ferri', consent: false });
    expect(await listedIds()).not.toContain(giulia.user.id);
    expect((await getCv(giulia.session)).json()).toMatchObject({ listed: false, liberatoria: 'unpublished' });

    await publishLiberatoria();
    const silent = await person({ headline: 'Non ancora' }, { consent: false });
    expect((await getCv(giulia.session)).json()).toMatchObject({ listed: false, liberatoria: 'pending' });
    expect(await listedIds()).not.toContain(giulia.user.id);
    const hidden = await entry(giulia.user.id);
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([404, 'person_not_found']);

    await accept(giulia.session);
    expect((await getCv(giulia.session)).json()).toMatchObject({ listed: true, liberatoria: 'held' });
    expect(await listedIds()).toContain(giulia.user.id);
    expect(await listedIds()).not.toContain(silent.user.id);
    expect((await entry(silent.user.id)).statusCode).toBe(404);

    const shown = await entry(giulia.user.id);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().person).toEqual({
      person: { id: giulia.user.id, displayName: 'Giulia Ferri', handle: giulia.user.handle },
      ente: { id: enteBari.id, name: 'Comune di Bari' },
      region: 'Puglia',
      cv: (await getCv(giulia.session)).json().cv,
      file: null,
      updatedAt: expect.any(String),
    });
    // Nothing of the account beyond the directory's shape: no email, no role, no preferences.
    expect(JSON.stringify((await directory(reader.session)).json())).not.toContain(giulia.user.email);
  });

  it('offers a listed person’s file to signed-in readers, and nobody else’s', async () => {
    const pdf = SAMPLES.pdf('cv di giulia');
    expect((await putFile(giulia.session, { name: 'giulia.pdf', bytes: pdf })).statusCode).toBe(200);
    const file = await ctx.request({ method: 'GET', url: `/api/directory/${giulia.user.id}/file`, as: reader.session });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await entry(giulia.user.id)).json().person.file).toMatchObject({ name: 'giulia.pdf' });

    const unlisted = await person({ headline: 'Senza liberatoria' }, { consent: false });
    expect((await putFile(unlisted.session, { name: 'x.pdf', bytes: SAMPLES.pdf() })).statusCode).toBe(200);
    const refused = await ctx.request({
      method: 'GET',
      url: `/api/directory/${unlisted.user.id}/file`,
      as: reader.session,
    });
    expect([refused.statusCode, refused.json().error.code]).toEqual([404, 'person_not_found']);
    const noFile = await ctx.request({ method: 'GET', url: '/api/directory/999999/file', as: reader.session });
    expect(noFile.statusCode).toBe(404);
  });

  it('drops a person at once when they revoke, and when a new version waits for them', async () => {
    await revoke(giulia.session);
    expect(await listedIds()).not.toContain(giulia.user.id);
    expect((await entry(giulia.user.id)).statusCode).toBe(404);
    expect(
      (await ctx.request({ method: 'GET', url: `/api/directory/${giulia.user.id}/file`, as: reader.session }))
        .statusCode,
    ).toBe(404);
    // Her CV stays hers.
    expect((await getCv(giulia.session)).json()).toMatchObject({ listed: false, liberatoria: 'pending' });

    await accept(giulia.session);
    expect(await listedIds()).toContain(giulia.user.id);
    await publishLiberatoria();
    expect(await listedIds()).not.toContain(giulia.user.id);
    expect((await entry(giulia.user.id)).statusCode).toBe(404);
    await accept(giulia.session);
    expect(await listedIds()).toContain(giulia.user.id);
  });

  it('leaves out a deactivated account, and an erased one loses its CV with it', async () => {
    const leaving = await person({ headline: 'In partenza' }, { displayName: 'Persona In Partenza' });
    expect(await listedIds()).toContain(leaving.user.id);
    const off = await ctx.request({
      method: 'POST',
      url: `/api/admin/users/${leaving.user.id}/deactivate`,
      as: admin.session,
    });
    expect(off.statusCode).toBe(200);
    expect(await listedIds()).not.toContain(leaving.user.id);
    expect((await entry(leaving.user.id)).statusCode).toBe(404);
    await ctx.request({ method: 'POST', url: `/api/admin/users/${leaving.user.id}/reactivate`, as: admin.session });
    expect(await listedIds()).toContain(leaving.user.id);

    const erased = await ctx.request({
      method: 'DELETE',
      url: `/api/admin/users/${leaving.user.id}`,
      as: admin.session,
    });
    expect(erased.statusCode).toBe(202);
    expect(await listedIds()).not.toContain(leaving.user.id);
    const rows = await ctx.db.selectFrom('cvs').select('user_id').where('user_id', '=', leaving.user.id).execute();
    expect(rows).toEqual([]);
  });

  describe('filters', () => {
    const group = new Map<string, number>();
    const only = async (query: Record<string, string | number>) => {
      const ids = new Set(group.values());
      const names = [...group].reduce((m, [name, id]) => m.set(id, name), new Map<number, string>());
      return (await listedIds(query)).filter((id) => ids.has(id)).map((id) => names.get(id));
    };

    beforeAll(async () => {
      const people: Array<[string, number, object]> = [
        [
          'Anna Bari',
          enteBari.id,
          {
            headline: 'Esperta di beni culturali',
            summary: 'Progetti per la valorizzazione del patrimonio culturale.',
            languages: [{ code: 'fr', level: 'B2' }],
            competences: [{ skill: 'Musei e archivi', dimension: 'competenze', focusArea: 'cultura' }],
            experiences: [{ title: 'Medinas 2030', countries: ['TN'], yearFrom: 2018, role: 'Partner' }],
          },
        ],
        [
          'Bruno Palermo',
          entePalermo.id,
          {
            headline: 'Digital transformation officer',
            summary: 'Managing cross-border partnerships and open data.',
            languages: [{ code: 'en', level: 'C2' }],
            competences: [{ skill: 'Open data', dimension: 'strategia', focusArea: 'innovazione' }],
            experiences: [
              {
                title: 'Smart ports',
                programme: 'ENI CBC MED',
                countries: ['MA', 'LB'],
                yearFrom: 2016,
                yearTo: 2019,
                role: 'Lead',
              },
            ],
          },
        ],
        [
          'Carla Palermo',
          entePalermo.id,
          {
            headline: 'Funzionaria dei servizi sociali',
            languages: [
              { code: 'fr', level: 'native' },
              { code: 'ar', level: 'A2' },
            ],
            competences: [{ skill: 'Inclusione', dimension: 'capacita_istituzionale' }],
            experiences: [{ title: 'Accoglienza', countries: ['TN', 'LB'], yearFrom: 2021, role: 'Coordinatrice' }],
          },
        ],
      ];
      for (const [name, enteId, cv] of people)
        group.set(name, (await person(cv, { enteId, displayName: name })).user.id);
    });

    it('find words in Italian and in English, with each language’s stemming', async () => {
      expect(await only({ q: 'patrimonio' })).toEqual(['Anna Bari']);
      expect(await only({ q: 'culturali' })).toEqual(['Anna Bari']);
      expect(await only({ q: 'valorizzare' })).toEqual(['Anna Bari']);
      expect(await only({ q: 'partnership' })).toEqual(['Bruno Palermo']);
      expect(await only({ q: 'managed' })).toEqual(['Bruno Palermo']);
      // Skills and experiences count, not only the summary.
      expect(await only({ q: 'archivio' })).toEqual(['Anna Bari']);
      expect(await only({ q: 'accoglienza' })).toEqual(['Carla Palermo']);
      expect(await only({ q: 'ENI CBC' })).toEqual(['Bruno Palermo']);
      expect(await only({ q: 'nessunaparolacosì' })).toEqual([]);
    });

    it('narrow by language, country, dimension, focus area, region and ente, and combine', async () => {
      expect(await only({ language: 'fr' })).toEqual(['Anna Bari', 'Carla Palermo']);
      expect(await only({ language: 'ar' })).toEqual(['Carla Palermo']);
      expect(await only({ country: 'TN' })).toEqual(['Anna Bari', 'Carla Palermo']);
      expect(await only({ country: 'MA' })).toEqual(['Bruno Palermo']);
      expect(await only({ dimension: 'strategia' })).toEqual(['Bruno Palermo']);
      expect(await only({ dimension: 'capacita_istituzionale' })).toEqual(['Carla Palermo']);
      expect(await only({ focusArea: 'cultura' })).toEqual(['Anna Bari']);
      expect(await only({ focusArea: 'innovazione' })).toEqual(['Bruno Palermo']);
      expect(await only({ region: 'Sicilia' })).toEqual(['Bruno Palermo', 'Carla Palermo']);
      expect(await only({ ente: enteBari.id })).toEqual(['Anna Bari']);
      expect(await only({ region: 'Sicilia', country: 'LB', language: 'fr' })).toEqual(['Carla Palermo']);
      expect(await only({})).toEqual(['Anna Bari', 'Bruno Palermo', 'Carla Palermo']);
    });

    it('refuse values outside the lists with 400 naming the filter', async () => {
      for (const [query, code] of [
        [{ language: 'xx' }, 'unknown_language'],
        [{ country: 'ZZ' }, 'unknown_country'],
        [{ dimension: 'turismo' }, 'unknown_dimension'],
        [{ cursor: 'garbage' }, 'invalid_cursor'],
      ] as const) {
        const response = await directory(reader.session, query);
        expect([response.statusCode, response.json().error.code], JSON.stringify(query)).toEqual([400, code]);
      }
      expect((await directory(reader.session, { language: 'xx' })).json().error.message).toMatch(/^language /);
    });
  });

  it('pages by keyset, in name order, with no repeats or gaps (same names included)', async () => {
    const ente = await newEnte(ctx, { name: 'Provincia di Lecce', region: 'Puglia' });
    const names = ['Zeno Alfa', 'Zeno Beta', 'Zeno Gamma', 'Zeno Gamma', 'Zeno Delta', 'Zeno Epsilon', 'Zeno Eta'];
    const ids: number[] = [];
    for (const name of names)
      ids.push((await person({ headline: 'Pagine' }, { enteId: ente.id, displayName: name })).user.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await directory(reader.session, { ente: ente.id, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i: { person: { id: number } }) => i.person.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    const gammas = ids.filter((_, i) => names[i] === 'Zeno Gamma').sort((a, b) => a - b);
    const byName = (n: string) => ids[names.indexOf(n)];
    expect(seen).toEqual([
      byName('Zeno Alfa'),
      byName('Zeno Beta'),
      byName('Zeno Delta'),
      byName('Zeno Epsilon'),
      byName('Zeno Eta'),
      ...gammas,
    ]);
  });
});

describe('the pages', () => {
  const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  let hostile: Person;

  beforeAll(async () => {
    if (liberatoria === 0) await publishLiberatoria();
    hostile = await person(
      {
        headline: `Titolo ${HOSTILE}`,
        summary: `Riga uno ${HOSTILE}\ne riga due`,
        competences: [{ skill: `Competenza ${HOSTILE}`, focusArea: 'cultura' }],
        languages: [{ code: 'sq', level: 'B1' }],
        experiences: [
          {
            title: `Esperienza ${HOSTILE}`,
            programme: `"onmouseover="x`,
            countries: ['AL'],
            yearFrom: 2020,
            role: HOSTILE,
          },
        ],
      },
      { displayName: 'Ostile Test' },
    );
  });

  const escaped = (body: string) => {
    expect(body).not.toContain('<script>alert');
    expect(body).not.toMatch(/<img[^>]*onerror/);
    expect(body).not.toContain('"onmouseover="');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  };

  it('the directory page lists people with the filters as a GET form, escaping what they wrote', async () => {
    const page = await web.page('/competenze', reader.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/competenze" aria-current="page"');
    expect(page.body).toContain('<form method="get" action="/competenze"');
    for (const name of ['q', 'area', 'dimensione', 'lingua', 'paese', 'regione', 'ente'])
      expect(page.body).toContain(`name="${name}"`);
    expect(page.body).toContain(`data-directory-person="${hostile.user.id}"`);
    expect(page.body).toContain('Albanese (B1)');
    escaped(page.body);

    const filtered = await web.page('/competenze?q=patrimonio&lingua=fr', reader.session);
    expect(filtered.body).not.toContain(`data-directory-person="${hostile.user.id}"`);
    expect(filtered.body).toContain('<option value="fr" selected>');
    const none = await web.page('/competenze?q=nessunaparolacosì', reader.session);
    expect(none.body).toContain('Nessuna persona corrisponde alla ricerca.');
    // An unknown filter value is dropped, not an error.
    expect((await web.page('/competenze?lingua=xx&paese=ZZ', reader.session)).statusCode).toBe(200);
  });

  it('the directory page pages with a "more" link that keeps the filters', async () => {
    const ente = await newEnte(ctx, { name: 'Comune di Taranto', region: 'Puglia' });
    const ids: number[] = [];
    for (let i = 0; i < 23; i++) {
      const user = await newUser(ctx, { enteId: ente.id, displayName: `Taranto ${String(i).padStart(2, '0')}` });
      await ctx.db
        .insertInto('cvs')
        .values({ user_id: user.id, languages: '[]', competences: '[]', experiences: '[]', search_vector: '' })
        .execute();
      await ctx.db
        .insertInto('consent_records')
        .values({ user_id: user.id, kind: 'liberatoria', version: liberatoria, action: 'accept', text_sha256: 'x' })
        .execute();
      ids.push(user.id);
    }
    const people = (body: string) => [...body.matchAll(/data-directory-person="(\d+)"/g)].map((m) => Number(m[1]));
    const first = await web.page(`/competenze?ente=${ente.id}`, reader.session);
    expect(people(first.body)).toEqual(ids.slice(0, 20));
    const more = /<a href="(\/competenze\?[^"]+)" rel="next">Altre persone<\/a>/.exec(first.body);
    const href = String(more?.[1]).replaceAll('&amp;', '&');
    expect(href).toContain(`ente=${ente.id}`);
    const second = await web.page(href, reader.session);
    expect(second.statusCode).toBe(200);
    expect(people(second.body)).toEqual(ids.slice(20));
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).toContain(`href="/competenze?ente=${ente.id}">Torna all’inizio`);
  });

  it('a person’s entry shows their CV escaped, their file and their page; without the Liberatoria it is not found', async () => {
    const page = await web.page(`/competenze/${hostile.user.id}`, reader.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="mb-1">Ostile Test</h1>');
    expect(page.body).toContain('Riga uno');
    expect(page.body).toContain('<br>e riga due');
    expect(page.body).toContain('Albania');
    expect(page.body).toContain(`href="/u/${hostile.user.handle}"`);
    escaped(page.body);

    await revoke(hostile.session);
    const gone = await web.page(`/competenze/${hostile.user.id}`, reader.session);
    expect(gone.statusCode).toBe(404);
    expect((await web.page('/competenze', reader.session)).body).not.toContain(
      `data-directory-person="${hostile.user.id}"`,
    );
    await accept(hostile.session);
  });

  it('a person’s page in the community shows their CV only while they hold the current Liberatoria', async () => {
    const url = `/u/${hostile.user.handle}`;
    const shown = await web.page(url, reader.session);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('data-cv-headline');
    expect(shown.body).toContain(`href="/competenze/${hostile.user.id}"`);
    escaped(shown.body);

    await revoke(hostile.session);
    const hidden = await web.page(url, reader.session);
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).toContain('Ostile Test');
    expect(hidden.body).not.toContain('data-cv');
    expect(hidden.body).not.toContain('Titolo');
    expect(hidden.body).not.toContain('Esperienza');
    // Not even to themselves: the page is how others see them.
    expect((await web.page(url, hostile.session)).body).not.toContain('data-cv');
    await accept(hostile.session);
    expect((await web.page(url, reader.session)).body).toContain('data-cv-headline');
  });

  it('the CV editor is linked from the profile and shows the owner their CV, with the Liberatoria’s note', async () => {
    const me = await signedIn(ctx);
    expect((await web.page('/profilo', me.session)).body).toContain('href="/profilo/cv"');
    await putCv(me.session, { headline: `Mio ${HOSTILE}`, languages: [{ code: 'de', level: 'A2' }] });
    const page = await web.page('/profilo/cv', me.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post" action="/profilo/cv" id="cv-form" novalidate>');
    expect(page.body).toContain('value="Mio &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert');
    // The saved language and three empty rows.
    expect(page.body).toContain('<option value="de" selected>');
    expect(page.body).toContain('name="languages.3.code"');
    expect(page.body).not.toContain('name="languages.4.code"');
    expect(page.body).toContain('data-cv-standing="consent"');
    expect(page.body).toContain('href="/consensi/liberatoria?next=/profilo/cv"');
    expect(page.body).toContain('solo se dai la Liberatoria');
    expect(page.body).toContain('enctype="multipart/form-data"');

    await accept(me.session);
    const listed = await web.page('/profilo/cv', me.session);
    expect(listed.body).toContain('data-cv-standing="listed"');
    expect(listed.body).not.toContain('href="/consensi/liberatoria');
  });

  it('the CV form saves rows, skips empty ones, and offers more rows without saving', async () => {
    const me = await signedIn(ctx);
    const fields = {
      headline: 'Progettista',
      summary: 'Due righe\ndi presentazione',
      'languages.0.code': 'es',
      'languages.0.level': 'B2',
      'languages.1.code': '',
      'languages.1.level': '',
      'competences.0.skill': '',
      'competences.0.dimension': '',
      'competences.0.focusArea': '',
      'competences.1.skill': 'Fundraising',
      'competences.1.dimension': 'strategia',
      'competences.1.focusArea': 'innovazione',
      'experiences.0.title': 'Rete MED',
      'experiences.0.role': 'Partner',
      'experiences.0.programme': 'Interreg',
      'experiences.0.fund': '',
      'experiences.0.countries': ['TN', 'MA'],
      'experiences.0.yearFrom': '2020',
      'experiences.0.yearTo': '',
    };
    const more = await web.post('/profilo/cv', { ...fields, azione: 'righe' }, me.session);
    expect(more.statusCode).toBe(200);
    expect(more.body).toContain('name="languages.4.code"');
    expect(more.body).toContain('value="Fundraising"');
    expect((await getCv(me.session)).json().updatedAt).toBeNull();

    const saved = await web.post('/profilo/cv', fields, me.session);
    expect([saved.statusCode, saved.headers.location]).toEqual([303, '/profilo/cv']);
    expect((await getCv(me.session)).json().cv).toEqual({
      headline: 'Progettista',
      summary: 'Due righe\ndi presentazione',
      languages: [{ code: 'es', level: 'B2' }],
      competences: [{ skill: 'Fundraising', dimension: 'strategia', focusArea: 'innovazione' }],
      experiences: [
        {
          title: 'Rete MED',
          programme: 'Interreg',
          fund: null,
          countries: ['TN', 'MA'],
          yearFrom: 2020,
          yearTo: null,
          role: 'Partner',
        },
      ],
    });
    const after = await web.page('/profilo/cv', withFlash(saved, me.session));
    expect(after.body).toContain('Il CV è salvato.');
  });

  it('the CV form tells in Italian what is wrong, next to each field, and saves nothing', async () => {
    const me = await signedIn(ctx);
    await putCv(me.session, { headline: 'Prima' });
    const response = await web.post(
      '/profilo/cv',
      {
        headline: 'Dopo',
        summary: '',
        'languages.0.code': 'it',
        'languages.0.level': 'Z9',
        'competences.0.skill': '',
        'competences.0.dimension': 'strategia',
        'competences.0.focusArea': '',
        'experiences.0.title': 'Progetto',
        'experiences.0.role': '',
        'experiences.0.yearFrom': String(YEAR + 1),
        'experiences.0.yearTo': '2010',
        'experiences.1.title': '',
        'experiences.1.role': '',
        'experiences.1.yearFrom': '',
        'experiences.1.yearTo': '',
        'experiences.2.title': 'Altro',
        'experiences.2.role': 'Partner',
        'experiences.2.yearFrom': 'duemila',
      },
      me.session,
    );
    expect(response.statusCode).toBe(400);
    const body = response.body;
    expect(body).toContain('Il CV non è stato salvato: ci sono 6 campi da correggere.');
    const fieldError = (id: string, message: string) => {
      expect(body).toContain(`id="${id}"`);
      expect(body).toMatch(new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"[^>]*aria-invalid="true"`));
      expect(body).toContain(
        `<div id="${id}-error" class="invalid-feedback d-block" data-field-error>${message}</div>`,
      );
      expect(body).toContain(`<a href="#${id}">`);
    };
    fieldError('cv-languages-0-level', 'Scegli un livello: da A1 a C2, o madrelingua.');
    fieldError('cv-competences-0-skill', 'Compila questo campo.');
    fieldError('cv-experiences-0-role', 'Compila questo campo.');
    fieldError('cv-experiences-0-yearFrom', `L’anno non può essere dopo il ${YEAR}.`);
    fieldError('cv-experiences-2-yearFrom', 'Scrivi un anno di quattro cifre, dal 1950 in poi.');
    expect(body).toContain('Esperienza 3 – Dal (anno)');
    // What was typed stays in the form.
    expect(body).toContain('value="Dopo"');
    expect(body).toContain('value="duemila"');
    expect((await getCv(me.session)).json().cv.headline).toBe('Prima');
  });

  it('the file form uploads, refuses with the reason on the page, and deletes', async () => {
    const me = await signedIn(ctx);
    const send = async (file: FilePart) => {
      const body = await multipart({}, file);
      return ctx.request({
        method: 'POST',
        url: '/profilo/cv/file',
        as: me.session,
        payload: body.payload,
        headers: { accept: 'text/html', ...body.headers },
      });
    };
    const stored = await send({ name: 'cv.pdf', bytes: SAMPLES.pdf() });
    expect([stored.statusCode, stored.headers.location]).toEqual([303, '/profilo/cv#cv-file-title']);
    const page = await web.page('/profilo/cv', me.session);
    expect(page.body).toContain('<a href="/api/me/cv/file">cv.pdf</a>');

    const html = await send({ name: 'cv.pdf', bytes: '<html><body><script>alert(1)</script></body></html>' });
    expect(html.statusCode).toBe(415);
    expect(html.body).toContain('Il file deve essere un PDF, un ODT o un DOCX.');
    const none = await send({ name: '', bytes: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Scegli un file da caricare.');
    const big = await send({ name: 'cv.pdf', bytes: Buffer.concat([SAMPLES.pdf(), Buffer.alloc(LIMIT)]) });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('Il file è troppo grande: al massimo 8 kB.');
    expect((await getCv(me.session)).json().file.name).toBe('cv.pdf');

    const removed = await web.post('/profilo/cv/file/elimina', {}, me.session);
    expect(removed.statusCode).toBe(303);
    expect((await getCv(me.session)).json().file).toBeNull();
  });

  it('Competenze is in the main navigation, and the pages are for signed-in people', async () => {
    const home = await web.page('/', reader.session);
    expect(home.body).toContain('href="/competenze"');
    for (const url of ['/competenze', `/competenze/${hostile.user.id}`, '/profilo/cv']) {
      const anonymous = await web.page(url);
      expect(anonymous.statusCode, url).toBe(303);
      expect(String(anonymous.headers.location)).toMatch(/^\/accedi/);
    }
  });
});
