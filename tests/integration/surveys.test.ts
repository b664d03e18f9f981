import { announceOpenedSurveys, surveyAnswersForExport } from '@hubspoke/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newEnte, newTable, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
let admin: Awaited<ReturnType<typeof signedIn>>;
let moderator: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  ctx = await createTestContext();
  web = browserOf(ctx);
  admin = await signedIn(ctx, { role: 'admin' });
  moderator = await signedIn(ctx, { role: 'moderator' });
});
afterAll(async () => {
  await ctx.close();
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const api = (method: Method, url: string, as: Session, payload?: object) =>
  ctx.request({ method, url, as, ...(payload ? { payload } : {}) });
const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();

async function newSurvey(as: Session, body: object) {
  const response = await api('POST', '/api/surveys', as, { opensAt: hourAgo(), ...body });
  if (response.statusCode !== 201) throw new Error(`survey creation failed: ${response.statusCode} ${response.body}`);
  return response.json().survey as { id: number; questions: Array<{ key: string }> };
}
const closeNow = (id: number) =>
  api('PATCH', `/api/surveys/${id}`, admin.session, { closesAt: new Date(Date.now() - 1000).toISOString() });

/** Every question type, for the validation cases. */
const OWN_QUESTIONS = [
  {
    key: 'canale',
    type: 'single',
    label: { it: 'Canale', en: 'Channel' },
    required: true,
    options: [
      { key: 'mail', label: { it: 'Posta', en: 'Mail' } },
      { key: 'altro', label: { it: 'Altro (specificare)', en: 'Other (specify)' }, other: true },
    ],
  },
  {
    key: 'temi',
    type: 'multi',
    label: { it: 'Temi', en: 'Themes' },
    options: [
      { key: 'cultura', label: { it: 'Cultura', en: 'Culture' } },
      { key: 'innovazione', label: { it: 'Innovazione', en: 'Innovation' } },
    ],
  },
  { key: 'note', type: 'text', label: { it: 'Note', en: 'Notes' } },
  { key: 'persone', type: 'number', label: { it: 'Persone', en: 'People' }, min: 0, max: 50 },
  { key: 'paesi', type: 'countries', label: { it: 'Paesi', en: 'Countries' } },
  { key: 'utilita', type: 'scale', label: { it: 'Utilità', en: 'Usefulness' }, required: true },
];

describe('templates', () => {
  it('hold every item of slides 14, 16 and 17, in Italian and English', async () => {
    const participant = await signedIn(ctx);
    const response = await api('GET', '/api/survey-templates', participant.session);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{
      key: string;
      questions: Array<{
        key: string;
        type: string;
        label: { it: string; en: string };
        section?: { it: string };
        options?: Array<{ key: string; label: { it: string; en: string }; other?: boolean; group?: string }>;
        groups?: Array<{ key: string; label: { it: string } }>;
      }>;
    }>;
    expect(items.map((t) => t.key)).toEqual(['ente_profile', 'criticita', 'priorita']);
    const [profile, criticita, priorita] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];

    // Slide 14: nine items, each worded as the seed words it (in a label or in its section's heading).
    const slide14 = [
      'Esperienza dell’Ente in progetti di cooperazione (specificare fondi e programmi, anni di esperienza)',
      'Strategia di Cooperazione Internazionale formalizzata',
      'Esistenza di un Ufficio per la cooperazione internazionale (approfondire)',
      'Uffici maggiormente attivi nella cooperazione internazionale',
      'Sistema informatizzato di raccolta, archiviazione, aggregazione e analisi delle informazioni',
      'Paesi e settori oggetto di interventi di cooperazione internazionale',
      'Relazioni con attori del territorio e/o Istituzionali',
      'Individuazione opportunità (modi e fonti)',
      'Comunicazione esterna su attività internazionali',
    ];
    const words = profile.questions.flatMap((q) => [q.label.it, q.section?.it ?? '']);
    for (const item of slide14) expect(words, item).toContain(item);
    expect(profile.questions).toHaveLength(13);
    expect(profile.questions.map((q) => q.key)).toContain('esperienza_anni');
    for (const q of [...profile.questions, ...criticita.questions, ...priorita.questions]) {
      expect(q.label.en.length, q.key).toBeGreaterThan(0);
      for (const o of q.options ?? []) expect(o.label.en.length, `${q.key}.${o.key}`).toBeGreaterThan(0);
    }

    // Slide 16: two groups, 8 + 3 items, "Altro" and "specificare" taking a text.
    const risorse = criticita.questions.find((q) => q.key === 'risorse');
    expect(risorse?.options?.map((o) => o.label.it)).toEqual([
      'Competenze tecniche di Progettazione',
      'Competenze tecniche Gestionali',
      'Competenze tecniche di monitoraggio e valutazione',
      'Conoscenze linguistiche',
      'Numero delle risorse da dedicare',
      'Dotazione tecnica (hw,sw,…) e strumenti di gestione (database, ecc.)',
      'Dotazione finanziaria',
      'Altro (specificare)',
    ]);
    expect(risorse?.options?.filter((o) => o.other).map((o) => o.key)).toEqual(['altro']);
    const coordinamento = criticita.questions.find((q) => q.key === 'coordinamento');
    expect(coordinamento?.options).toHaveLength(3);
    expect(coordinamento?.options?.filter((o) => o.other).map((o) => o.key)).toEqual([
      'relazioni_territorio',
      'relazioni_istituzioni',
    ]);

    // Slide 17: nine sectors, two areas, the countries grouped by those areas.
    const settori = priorita.questions.find((q) => q.key === 'settori');
    expect(settori?.options?.map((o) => o.key)).toEqual([
      'industria',
      'innovazione_egov',
      'ricerca_sviluppo',
      'internazionalizzazione_impresa',
      'cultura',
      'formazione',
      'politiche_sociali',
      'trasporti',
      'altro',
    ]);
    expect(settori?.options?.at(-1)).toMatchObject({ label: { it: 'Altro (specificare)' }, other: true });
    expect(priorita.questions.find((q) => q.key === 'aree')?.options?.map((o) => o.label.it)).toEqual([
      'Sponda sud del Mediterraneo (specificare Paesi)',
      'Balcani occidentali (specificare Paesi)',
    ]);
    const paesi = priorita.questions.find((q) => q.key === 'paesi');
    expect(paesi?.type).toBe('countries');
    expect(paesi?.groups?.map((g) => g.label.it)).toEqual(['Sponda sud del Mediterraneo', 'Balcani occidentali']);
    const area = (code: string) => paesi?.options?.find((o) => o.key === code)?.group;
    expect([area('TN'), area('MA'), area('EG'), area('AL'), area('RS'), area('XK')]).toEqual([
      'mediterraneo_sud',
      'mediterraneo_sud',
      'mediterraneo_sud',
      'balcani_occidentali',
      'balcani_occidentali',
      'balcani_occidentali',
    ]);
  });
});

describe('creating a survey', () => {
  it('is for moderators and admins, from a template or from their own questions', async () => {
    const table = await newTable(ctx, { kind: 'regional' });
    const participant = await signedIn(ctx);
    const tutor = await signedIn(ctx, { role: 'tutor' });
    const body = { title: 'Le priorità', template: 'priorita', respondent: 'ente', tableIds: [table.id] };
    expect((await api('POST', '/api/surveys', participant.session, body)).statusCode).toBe(403);
    expect((await api('POST', '/api/surveys', tutor.session, body)).statusCode).toBe(403);
    const made = await api('POST', '/api/surveys', moderator.session, body);
    expect(made.statusCode).toBe(201);
    expect(made.json().survey).toMatchObject({
      title: 'Le priorità',
      template: 'priorita',
      respondent: 'ente',
      status: 'open',
      tables: [{ id: table.id }],
    });
    expect(made.json().survey.questions.map((q: { key: string }) => q.key)).toEqual(['settori', 'aree', 'paesi']);

    const own = await api('POST', '/api/surveys', admin.session, {
      title: 'Le nostre domande',
      questions: OWN_QUESTIONS,
      respondent: 'person',
      tableIds: [table.id],
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(own.statusCode).toBe(201);
    const questions = own.json().survey.questions;
    expect(questions.find((q: { key: string }) => q.key === 'utilita')).toMatchObject({ min: 1, max: 5 });
    expect(questions.find((q: { key: string }) => q.key === 'paesi').options.length).toBeGreaterThan(10);

    const refused = async (payload: object, code: string) => {
      const response = await api('POST', '/api/surveys', admin.session, {
        title: 'X y',
        respondent: 'person',
        ...payload,
      });
      expect([response.statusCode, response.json().error.code], JSON.stringify(payload)).toEqual([400, code]);
    };
    await refused({ template: 'priorita', questions: OWN_QUESTIONS }, 'template_or_questions');
    await refused({}, 'template_or_questions');
    await refused({ template: 'sconosciuto' }, 'unknown_template');
    await refused({ questions: [{ ...OWN_QUESTIONS[0], options: [] }] }, 'invalid_questions');
    await refused({ questions: [OWN_QUESTIONS[2], OWN_QUESTIONS[2]] }, 'invalid_questions');
    await refused({ template: 'criticita', tableIds: [999_999] }, 'unknown_table');
    await refused({ template: 'criticita', tableIds: [] }, 'no_tables');
    await refused({ template: 'criticita', opensAt: new Date().toISOString(), closesAt: hourAgo() }, 'invalid_dates');
    expect((await api('POST', '/api/surveys', admin.session, { ...body, respondent: 'ufficio' })).statusCode).toBe(400);
  });
});

describe('answering', () => {
  it('checks every value, names the question, and keeps the saved draft when refusing', async () => {
    const table = await newTable(ctx, { kind: 'lab' });
    const participant = await signedIn(ctx);
    await ctx.db.insertInto('table_members').values({ table_id: table.id, user_id: participant.user.id }).execute();
    const survey = await newSurvey(admin.session, {
      title: 'Domande di prova',
      questions: OWN_QUESTIONS,
      respondent: 'person',
      tableIds: [table.id],
    });
    const url = `/api/surveys/${survey.id}/response`;
    const draft = { note: 'Una prima nota', persone: 12, temi: ['cultura'] };
    const saved = await api('PUT', url, participant.session, { answers: draft });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().response).toMatchObject({ answers: draft, submitted: false });

    const cases: Array<[object, string, string, boolean?]> = [
      [{ domanda_nuova: 'x' }, 'unknown_question', 'domanda_nuova'],
      [{ temi: ['cultura', 'sport'] }, 'unknown_option', 'temi'],
      [{ canale: 'piccione' }, 'unknown_option', 'canale'],
      [{ paesi: ['FR'] }, 'unknown_option', 'paesi'],
      [{ persone: 51 }, 'number_out_of_range', 'persone'],
      [{ persone: -1 }, 'number_out_of_range', 'persone'],
      [{ utilita: 6 }, 'number_out_of_range', 'utilita'],
      [{ utilita: 2.5 }, 'invalid_answer', 'utilita'],
      [{ persone: 'dodici' }, 'invalid_answer', 'persone'],
      [{ canale: 'altro' }, 'other_text_required', 'canale'],
      [{ canale: { option: 'altro', text: '   ' } }, 'other_text_required', 'canale'],
      [{ note: 'x'.repeat(5001) }, 'answer_too_long', 'note'],
      [{ temi: 'cultura' }, 'invalid_answer', 'temi'],
      [{ canale: 'mail' }, 'answer_required', 'utilita', true],
    ];
    for (const [answers, code, question, submit] of cases) {
      const response = await api('PUT', url, participant.session, { answers, ...(submit ? { submit } : {}) });
      expect([response.statusCode, response.json().error], JSON.stringify(answers)).toEqual([
        400,
        expect.objectContaining({ code, question, message: expect.stringContaining(question) }),
      ]);
      const kept = (await api('GET', `/api/surveys/${survey.id}`, participant.session)).json();
      expect(kept.response.answers, JSON.stringify(answers)).toEqual(draft);
    }

    const sent = await api('PUT', url, participant.session, {
      answers: { ...draft, canale: { option: 'altro', text: 'Telefono' }, utilita: 4, paesi: ['TN', 'AL'] },
      submit: true,
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().response).toMatchObject({
      submitted: true,
      answers: { canale: { option: 'altro', text: 'Telefono' }, utilita: 4, paesi: ['TN', 'AL'] },
    });
    // Once sent, a save is checked as a submission and the answer stays sent.
    const later = await api('PUT', url, participant.session, { answers: { canale: 'mail' } });
    expect([later.statusCode, later.json().error.question]).toEqual([400, 'utilita']);
    const edited = await api('PUT', url, participant.session, { answers: { canale: 'mail', utilita: 5 } });
    expect(edited.json().response).toMatchObject({ submitted: true, answers: { canale: 'mail', utilita: 5 } });

    const listed = (await api('GET', '/api/surveys', participant.session)).json().items;
    expect(listed.find((s: { id: number }) => s.id === survey.id)).toMatchObject({ answered: true, canAnswer: true });

    expect((await closeNow(survey.id)).statusCode).toBe(200);
    const closed = await api('PUT', url, participant.session, { answers: { canale: 'mail', utilita: 1 } });
    expect([closed.statusCode, closed.json().error.code]).toEqual([409, 'survey_closed']);
    expect((await api('GET', `/api/surveys/${survey.id}`, participant.session)).json().response.answers).toEqual({
      canale: 'mail',
      utilita: 5,
    });
  });

  it('is a 404 for someone outside the survey’s tables, and for a survey not open yet', async () => {
    const lab = await newTable(ctx, { kind: 'lab' });
    const outsider = await signedIn(ctx);
    const survey = await newSurvey(admin.session, {
      title: 'Solo per il laboratorio',
      template: 'criticita',
      respondent: 'person',
      tableIds: [lab.id],
    });
    expect((await api('GET', `/api/surveys/${survey.id}`, outsider.session)).statusCode).toBe(404);
    expect((await api('PUT', `/api/surveys/${survey.id}/response`, outsider.session, { answers: {} })).statusCode).toBe(
      404,
    );
    expect((await api('GET', `/api/surveys/${survey.id}/results`, outsider.session)).statusCode).toBe(404);
    expect(
      (await api('GET', '/api/surveys', outsider.session)).json().items.map((s: { id: number }) => s.id),
    ).not.toContain(survey.id);

    const member = await signedIn(ctx);
    await ctx.db.insertInto('table_members').values({ table_id: lab.id, user_id: member.user.id }).execute();
    const later = await newSurvey(admin.session, {
      title: 'Più avanti',
      template: 'criticita',
      respondent: 'person',
      tableIds: [lab.id],
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await api('GET', `/api/surveys/${later.id}`, member.session)).statusCode).toBe(404);
    expect((await api('GET', `/api/surveys/${survey.id}`, member.session)).statusCode).toBe(200);
    const staffEarly = await api('PUT', `/api/surveys/${later.id}/response`, admin.session, { answers: {} });
    expect([staffEarly.statusCode, staffEarly.json().error.code]).toEqual([409, 'survey_not_open']);
  });

  it('keeps one answer per ente: the latest writer wins and every change is kept with who made it', async () => {
    const table = await newTable(ctx, { kind: 'regional' });
    const ente = await newEnte(ctx, { name: 'Comune di Taranto', region: 'Puglia' });
    const anna = await signedIn(ctx, { enteId: ente.id, displayName: 'Anna Rossi' });
    const bruno = await signedIn(ctx, { enteId: ente.id, displayName: 'Bruno Neri' });
    const loner = await signedIn(ctx);
    const survey = await newSurvey(moderator.session, {
      title: 'Criticità',
      template: 'criticita',
      respondent: 'ente',
      tableIds: [table.id],
    });
    const url = `/api/surveys/${survey.id}/response`;
    expect(
      (await api('PUT', url, anna.session, { answers: { risorse: ['conoscenze_linguistiche'] } })).statusCode,
    ).toBe(200);
    const byBruno = await api('PUT', url, bruno.session, {
      answers: { risorse: ['dotazione_finanziaria', { option: 'altro', text: 'Tempi' }] },
      submit: true,
    });
    expect(byBruno.json().response).toMatchObject({ submitted: true, updatedBy: { displayName: 'Bruno Neri' } });
    const seenByAnna = (await api('GET', `/api/surveys/${survey.id}`, anna.session)).json();
    expect(seenByAnna.response).toMatchObject({
      enteId: ente.id,
      answers: { risorse: ['dotazione_finanziaria', { option: 'altro', text: 'Tempi' }] },
      updatedBy: { id: bruno.user.id },
    });
    await api('PUT', url, anna.session, { answers: { coordinamento: ['coordinamento_interno'] } });
    const history = (await api('GET', `/api/surveys/${survey.id}`, bruno.session)).json().history;
    expect(
      history.map((h: { changedBy: { displayName: string }; submitted: boolean }) => [
        h.changedBy.displayName,
        h.submitted,
      ]),
    ).toEqual([
      ['Anna Rossi', false],
      ['Bruno Neri', true],
      ['Anna Rossi', true],
    ]);
    const rows = await ctx.db.selectFrom('survey_responses').selectAll().where('survey_id', '=', survey.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ente_id: ente.id, user_id: null, updated_by: anna.user.id });
    const listed = (await api('GET', '/api/surveys', bruno.session)).json().items;
    expect(listed.find((s: { id: number }) => s.id === survey.id)).toMatchObject({ answered: true });
    // A person's data export holds the changes they made to their ente's answer.
    const exported = await surveyAnswersForExport(ctx.app.deps, anna.user.id);
    expect(exported.responses).toEqual([]);
    expect(exported.enteChanges.map((c) => [c.surveyId, c.enteId, c.submitted])).toEqual([
      [survey.id, ente.id, false],
      [survey.id, ente.id, true],
    ]);
    // Someone with no ente is not asked for an ente's answer.
    expect((await api('GET', `/api/surveys/${survey.id}`, loner.session)).statusCode).toBe(404);
  });
});

describe('results', () => {
  it('count by option, by table and by region, with the Altro texts and the response rate; CSV exports', async () => {
    const north = await newTable(ctx, { kind: 'regional', visibility: 'members', name: 'Tavolo pugliese' });
    const south = await newTable(ctx, { kind: 'regional', visibility: 'members', name: 'Tavolo siciliano' });
    const e1 = await newEnte(ctx, { name: 'Comune di Bari', region: 'Puglia' });
    const e2 = await newEnte(ctx, { name: 'Provincia di Foggia', region: 'Puglia' });
    const e3 = await newEnte(ctx, { name: 'Comune di Palermo', region: 'Sicilia' });
    const e4 = await newEnte(ctx, { name: 'Comune di Catania', region: 'Sicilia' });
    const p1 = await signedIn(ctx, { enteId: e1.id });
    const p2 = await signedIn(ctx, { enteId: e2.id });
    const p3 = await signedIn(ctx, { enteId: e3.id });
    const p4 = await signedIn(ctx, { enteId: e4.id });
    const member = (tableId: number, userId: number) =>
      ctx.db.insertInto('table_members').values({ table_id: tableId, user_id: userId }).execute();
    await member(north.id, p1.user.id);
    await member(north.id, p2.user.id);
    await member(south.id, p3.user.id);
    await member(south.id, p4.user.id);
    const survey = await newSurvey(admin.session, {
      title: 'Priorità',
      template: 'priorita',
      respondent: 'ente',
      tableIds: [north.id, south.id],
    });
    const answer = (as: Session, answers: object, submit = true) =>
      api('PUT', `/api/surveys/${survey.id}/response`, as, { answers, submit });
    expect(
      (
        await answer(p1.session, {
          settori: ['cultura', 'formazione'],
          aree: ['mediterraneo_sud'],
          paesi: ['TN', 'MA'],
        })
      ).statusCode,
    ).toBe(200);
    await answer(p2.session, {
      settori: ['cultura', { option: 'altro', text: '=HYPERLINK("http://x")' }],
      aree: ['balcani_occidentali'],
      paesi: ['AL'],
    });
    await answer(p3.session, {
      settori: ['cultura'],
      aree: ['mediterraneo_sud', 'balcani_occidentali'],
      paesi: ['TN', 'RS'],
    });
    await answer(p4.session, { settori: ['trasporti'] }, false); // a draft: not counted

    // Respondents see the results only once it has closed.
    const early = await api('GET', `/api/surveys/${survey.id}/results`, p1.session);
    expect([early.statusCode, early.json().error.code]).toEqual([403, 'forbidden']);
    const results = await api('GET', `/api/surveys/${survey.id}/results`, moderator.session);
    expect(results.statusCode).toBe(200);
    const r = results.json();
    expect(r.responseRate).toEqual({ answered: 3, expected: 4, rate: 0.75 });
    const settori = r.questions.find((q: { key: string }) => q.key === 'settori');
    const count = (q: { options: Array<{ key: string; count: number }> }, key: string) =>
      q.options.find((o) => o.key === key)?.count;
    expect(settori.answered).toBe(3);
    expect([
      count(settori, 'cultura'),
      count(settori, 'formazione'),
      count(settori, 'altro'),
      count(settori, 'trasporti'),
    ]).toEqual([3, 1, 1, 0]);
    expect(settori.others).toEqual([{ option: 'altro', text: '=HYPERLINK("http://x")' }]);
    const byTable = Object.fromEntries(
      settori.byTable.map((t: { tableId: number; answered: number; counts: object }) => [t.tableId, t]),
    );
    expect(byTable[north.id]).toEqual({
      tableId: north.id,
      answered: 2,
      counts: { cultura: 2, formazione: 1, altro: 1 },
    });
    expect(byTable[south.id]).toEqual({ tableId: south.id, answered: 1, counts: { cultura: 1 } });
    const byRegion = Object.fromEntries(settori.byRegion.map((g: { region: string }) => [g.region, g]));
    expect(byRegion.Puglia).toMatchObject({ answered: 2, counts: { cultura: 2, formazione: 1, altro: 1 } });
    expect(byRegion.Sicilia).toMatchObject({ answered: 1, counts: { cultura: 1 } });
    const paesi = r.questions.find((q: { key: string }) => q.key === 'paesi');
    expect([count(paesi, 'TN'), count(paesi, 'AL'), count(paesi, 'RS'), count(paesi, 'EG')]).toEqual([2, 1, 1, 0]);
    expect(r.tables).toEqual(
      expect.arrayContaining([
        { id: north.id, name: 'Tavolo pugliese', respondents: 2 },
        { id: south.id, name: 'Tavolo siciliano', respondents: 1 },
      ]),
    );
    expect(r.regions).toEqual([
      { region: 'Puglia', respondents: 2 },
      { region: 'Sicilia', respondents: 1 },
    ]);

    const answersCsv = await api('GET', `/api/surveys/${survey.id}/results?format=csv`, admin.session);
    expect(answersCsv.statusCode).toBe(200);
    expect(answersCsv.headers['content-type']).toContain('text/csv');
    const lines = answersCsv.body.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      '"response_id","respondent","ente","region","submitted_at","updated_at","updated_by","settori","aree","paesi"',
    );
    for (const line of lines) expect(line.startsWith('"'), line).toBe(true);
    const foggia = lines.find((l) => l.includes('Provincia di Foggia'));
    expect(foggia).toContain('"Cultura; Altro: =HYPERLINK(""http://x"")"');
    expect(answersCsv.body).not.toMatch(/(^|,)"=/m);
    // An "Altro" text alone in a cell is prefixed so that it never runs as a formula.
    const countsCsv = await api('GET', `/api/surveys/${survey.id}/results?format=csv&of=counts`, admin.session);
    expect(countsCsv.statusCode).toBe(200);
    const countLines = countsCsv.body.trim().split('\r\n');
    expect(countLines[0]).toBe(
      '"question","question_label","option","option_label","group_by","group","count","answered"',
    );
    expect(countLines).toContain('"settori","Settori prioritari","cultura","Cultura","all","","3","3"');
    expect(countLines).toContain(
      '"settori","Settori prioritari","cultura","Cultura","table","Tavolo pugliese","2","2"',
    );
    expect(countLines).toContain('"settori","Settori prioritari","cultura","Cultura","region","Sicilia","1","1"');
    // Respondents may not take everyone's answers, even once closed; the counts they may.
    await closeNow(survey.id);
    expect((await api('GET', `/api/surveys/${survey.id}/results`, p1.session)).statusCode).toBe(200);
    expect((await api('GET', `/api/surveys/${survey.id}/results?format=csv`, p1.session)).statusCode).toBe(403);
    expect((await api('GET', `/api/surveys/${survey.id}/results?format=csv&of=counts`, p1.session)).statusCode).toBe(
      200,
    );
    const outsider = await signedIn(ctx);
    expect((await api('GET', `/api/surveys/${survey.id}/results`, outsider.session)).statusCode).toBe(404);
  });

  it('prefixes formula-looking cells with an apostrophe', async () => {
    const table = await newTable(ctx, { kind: 'regional' });
    const p = await signedIn(ctx);
    await ctx.db.insertInto('table_members').values({ table_id: table.id, user_id: p.user.id }).execute();
    const survey = await newSurvey(admin.session, {
      title: 'Formule',
      questions: [{ key: 'nota', type: 'text', label: { it: 'Nota', en: 'Note' } }],
      respondent: 'person',
      tableIds: [table.id],
    });
    await api('PUT', `/api/surveys/${survey.id}/response`, p.session, { answers: { nota: '=1+1' }, submit: true });
    const csv = (await api('GET', `/api/surveys/${survey.id}/results?format=csv`, admin.session)).body;
    expect(csv).toContain(`"'=1+1"`);
  });
});

describe('ente profiles', () => {
  it('show the latest ente_profile answer on the ente’s page', async () => {
    const table = await newTable(ctx, { kind: 'regional' });
    const ente = await newEnte(ctx, { name: 'Comune di Lecce', region: 'Puglia' });
    const p = await signedIn(ctx, { enteId: ente.id });
    const reader = await signedIn(ctx);
    expect((await api('GET', `/api/enti/${ente.id}`, reader.session)).json().profile).toBeNull();
    const survey = await newSurvey(admin.session, {
      title: 'Profilo',
      template: 'ente_profile',
      respondent: 'ente',
      tableIds: [table.id],
    });
    const base = {
      esperienza: 'si',
      strategia_formalizzata: 'no',
      ufficio_cooperazione: 'si',
      sistema_informatizzato: 'no',
    };
    await api('PUT', `/api/surveys/${survey.id}/response`, p.session, {
      answers: { ...base, esperienza_anni: 8, paesi_interventi: ['AL', { option: 'altro', text: 'Brasile' }] },
      submit: true,
    });
    const profile = (await api('GET', `/api/enti/${ente.id}`, reader.session)).json().profile;
    expect(profile).toMatchObject({ surveyId: survey.id, title: 'Profilo' });
    const answer = (key: string) => profile.answers.find((a: { key: string }) => a.key === key);
    expect(answer('esperienza').text).toEqual({ it: 'Sì', en: 'Yes' });
    expect(answer('esperienza_anni').text.it).toBe('8');
    expect(answer('paesi_interventi').text.it).toBe('Albania; Altri Paesi: Brasile');
    expect(answer('uffici_attivi')).toBeUndefined();

    await api('PUT', `/api/surveys/${survey.id}/response`, p.session, { answers: { ...base, esperienza_anni: 9 } });
    const page = (await web.page(`/enti/${ente.id}`, reader.session)).body;
    expect(page).toContain('Anni di esperienza');
    expect(page).toContain('9');
    expect(page).toContain('Strategia di Cooperazione Internazionale formalizzata');
    expect(page).not.toContain('Il profilo arriverà');
  });
});

describe('the pages', () => {
  it('answer a questionnaire without JavaScript, show what is wrong next to the question, and draw the results', async () => {
    const table = await newTable(ctx, { kind: 'regional', visibility: 'members' });
    const ente = await newEnte(ctx, { name: 'Comune di Brindisi', region: 'Puglia' });
    const p = await signedIn(ctx, { enteId: ente.id });
    await ctx.db.insertInto('table_members').values({ table_id: table.id, user_id: p.user.id }).execute();

    // Staff create it from the template on their page.
    const created = await web.post(
      '/moderazione/questionari',
      { template: 'priorita', title: 'Priorità di Brindisi', respondent: 'ente', tableIds: String(table.id) },
      moderator.session,
    );
    expect(created.statusCode).toBe(303);
    const id = Number(String(created.headers.location).split('/').pop());
    expect((await web.page('/moderazione/questionari', p.session)).statusCode).toBe(403);

    const home = (await web.page('/', p.session)).body;
    expect(home).toContain('Questionari da compilare');
    expect(home).toContain(`href="/questionari/${id}"`);
    expect((await web.page('/questionari', p.session)).body).toContain('Priorità di Brindisi');

    const form = (await web.page(`/questionari/${id}`, p.session)).body;
    expect(form).toContain('name="q.settori" id="q-settori-8" value="altro"');
    expect(form).toContain('name="q.settori.altro.text"');
    expect(form).toContain('<optgroup label="Sponda sud del Mediterraneo">');
    expect(form).toContain('<optgroup label="Balcani occidentali">');
    expect(form).toContain('value="draft"');
    expect(form).toContain('value="submit"');

    const draft = await web.post(`/questionari/${id}`, { 'q.settori': ['cultura'], action: 'draft' }, p.session);
    expect(draft.statusCode).toBe(303);
    const refused = await web.post(
      `/questionari/${id}`,
      { 'q.settori': ['cultura', 'altro'], 'q.settori.altro.text': '', 'q.paesi': ['TN'], action: 'submit' },
      p.session,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="q-settori-error"');
    expect(refused.body).toContain('«Settori prioritari»: scrivi il testo accanto all’opzione «Altro»');
    expect(refused.body).toContain('«Aree geografiche e Paesi»: la risposta è obbligatoria.');
    // What was typed stays in the form; the saved draft is unchanged.
    expect(refused.body).toMatch(/value="TN" selected/);
    expect((await api('GET', `/api/surveys/${id}`, p.session)).json().response.answers).toEqual({
      settori: ['cultura'],
    });

    const sent = await web.post(
      `/questionari/${id}`,
      {
        'q.settori': ['cultura', 'altro'],
        'q.settori.altro.text': 'Turismo',
        'q.aree': 'mediterraneo_sud',
        'q.paesi': ['TN', 'MA'],
        action: 'submit',
      },
      p.session,
    );
    expect(sent.statusCode).toBe(303);
    expect((await api('GET', `/api/surveys/${id}`, p.session)).json().response).toMatchObject({
      submitted: true,
      answers: {
        settori: ['cultura', { option: 'altro', text: 'Turismo' }],
        aree: ['mediterraneo_sud'],
        paesi: ['TN', 'MA'],
      },
    });
    expect((await web.page('/', p.session)).body).not.toContain(`href="/questionari/${id}"`);

    expect((await web.page(`/questionari/${id}/risultati`, p.session)).statusCode).toBe(403);
    const results = (await web.page(`/questionari/${id}/risultati`, moderator.session)).body;
    expect(results).toContain(
      '<svg class="survey-chart mw-100 h-auto d-block mb-2" id="chart-0" role="img" aria-labelledby="chart-0-title chart-0-desc"',
    );
    expect(results).toContain('<title id="chart-0-title">Settori prioritari</title>');
    expect(results).toMatch(/<table class="visually-hidden">[\s\S]*<th scope="row">Cultura<\/th><td>1<\/td>/);
    expect(results).toContain('Turismo');
    expect(results).toContain(`/api/surveys/${id}/results?format=csv&amp;locale=it&amp;of=counts`);

    const closed = await web.post(`/moderazione/questionari/${id}/chiudi`, {}, moderator.session);
    expect(closed.statusCode).toBe(303);
    expect((await web.page(`/questionari/${id}/risultati`, p.session)).statusCode).toBe(200);
    const late = await web.post(`/questionari/${id}`, { 'q.settori': ['cultura'], action: 'submit' }, p.session);
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Questo questionario è chiuso');
  });
});

describe('opening', () => {
  it('tells those a survey is for, in the app, when it opens at once', async () => {
    const table = await newTable(ctx, { kind: 'lab' });
    const ente = await newEnte(ctx);
    const member = await signedIn(ctx, { enteId: ente.id });
    const noEnte = await signedIn(ctx);
    const outsider = await signedIn(ctx, { enteId: ente.id });
    for (const p of [member, noEnte])
      await ctx.db.insertInto('table_members').values({ table_id: table.id, user_id: p.user.id }).execute();
    const survey = await newSurvey(moderator.session, {
      title: 'Profilo del laboratorio',
      template: 'ente_profile',
      respondent: 'ente',
      tableIds: [table.id],
    });
    const notifications = (who: Session) =>
      api('GET', '/api/notifications', who).then((r) => r.json().items as Array<{ kind: string; surveyId: number }>);
    expect((await notifications(member.session)).filter((n) => n.kind === 'survey_open')).toEqual([
      expect.objectContaining({ kind: 'survey_open', surveyId: survey.id, threadTitle: 'Profilo del laboratorio' }),
    ]);
    expect((await notifications(noEnte.session)).some((n) => n.kind === 'survey_open')).toBe(false);
    expect((await notifications(outsider.session)).some((n) => n.kind === 'survey_open')).toBe(false);
    const page = (await web.page('/notifiche', member.session)).body;
    expect(page).toContain('Nuovo questionario da compilare: «Profilo del laboratorio»');
    expect(page).toContain(encodeURIComponent(`/questionari/${survey.id}`));

    await newSurvey(moderator.session, {
      title: 'Più avanti',
      template: 'criticita',
      respondent: 'person',
      tableIds: [table.id],
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await notifications(noEnte.session)).some((n) => n.kind === 'survey_open')).toBe(false);
  });

  it('tells them when a survey opening later opens: once, by the recurring job', async () => {
    const table = await newTable(ctx, { kind: 'lab' });
    const p = await signedIn(ctx);
    await ctx.db.insertInto('table_members').values({ table_id: table.id, user_id: p.user.id }).execute();
    const later = await newSurvey(moderator.session, {
      title: 'Si apre domani',
      template: 'criticita',
      respondent: 'person',
      tableIds: [table.id],
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const announced = () =>
      api('GET', '/api/notifications', p.session).then(
        (r) => r.json().items.filter((n: { surveyId: number | null }) => n.surveyId === later.id).length,
      );
    await announceOpenedSurveys(ctx.app.deps);
    expect(await announced()).toBe(0);
    await api('PATCH', `/api/surveys/${later.id}`, admin.session, { opensAt: hourAgo() });
    expect(await announceOpenedSurveys(ctx.app.deps)).toBeGreaterThanOrEqual(1);
    expect(await announceOpenedSurveys(ctx.app.deps)).toBe(0);
    expect(await announced()).toBe(1);
  });
});

// Last in the file: once a Patto is published, every participant needs it to write.
describe('the Patto', () => {
  it('is needed to answer, as for every write', async () => {
    const table = await newTable(ctx, { kind: 'regional', visibility: 'members' });
    const p = await signedIn(ctx);
    await ctx.db.insertInto('table_members').values({ table_id: table.id, user_id: p.user.id }).execute();
    const survey = await newSurvey(admin.session, {
      title: 'Dopo il Patto',
      template: 'criticita',
      respondent: 'person',
      tableIds: [table.id],
    });
    const published = await api('POST', '/api/admin/consents/patto/versions', admin.session, {
      textIt: 'Mi impegno.',
      textEn: 'I commit.',
    });
    expect(published.statusCode).toBe(201);
    const url = `/api/surveys/${survey.id}/response`;
    const refused = await api('PUT', url, p.session, { answers: { risorse: ['numero_risorse'] } });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'patto_required']);
    await api('POST', '/api/consents/patto/accept', p.session, { version: published.json().version });
    expect((await api('PUT', url, p.session, { answers: { risorse: ['numero_risorse'] } })).statusCode).toBe(200);
  });
});
