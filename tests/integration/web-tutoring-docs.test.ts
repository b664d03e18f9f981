import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newEnte, newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf, withFlash } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
let uploads: Awaited<ReturnType<typeof uploadFolder>>;
type Person = { user: { id: number; display_name: string; handle: string }; session: Session };
let admin: Person;
let asker: Person;
let tutor: Person;
let outsider: Person;
let labId: number;

beforeAll(async () => {
  uploads = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: uploads.dir, POST_MAX_PER_WINDOW: '10000' });
  web = browserOf(ctx);
  admin = await signedIn(ctx, { role: 'admin' });
  asker = await signedIn(ctx, { displayName: 'Chiara Lombardi' });
  tutor = await signedIn(ctx, { role: 'tutor', displayName: 'Marco Tutor' });
  outsider = await signedIn(ctx, { displayName: 'Persona Esterna' });
  labId = (await newTable(ctx, { name: 'Laboratorio di Lecce', kind: 'lab', members: [asker.user, tutor.user] })).id;
  const pooled = await ctx.request({
    method: 'PUT',
    url: `/api/tutoring/pools/${labId}/tutors/${tutor.user.id}`,
    as: admin.session,
    payload: {},
  });
  expect(pooled.statusCode).toBe(204);
});
afterAll(async () => {
  await ctx.close();
  await uploads.remove();
});

const ask = async (title: string) =>
  (await newThread(ctx, asker.session, { tableId: labId, kind: 'question', title })).thread.id;

describe('a question as its people meet it', () => {
  it('names who follows it, badges the tutor’s replies, and never offers the asker their own reply', async () => {
    const id = await ask('Chi firma la convenzione con il partner?');
    const own = await newReply(ctx, asker.session, id, 'Aggiungo un dettaglio: il partner è a Valona.');
    const answer = await newReply(ctx, tutor.session, id, 'La firma il dirigente del settore.');
    const page = await web.page(`/discussioni/${id}`, asker.session);
    expect(page.body).toMatch(/data-question-holder>[\s\S]*Seguita da Marco Tutor/);
    // The tutor's reply, and only it, carries the badge; the asker may accept it, not their own.
    expect(page.body.match(/data-tutor-badge/g)).toHaveLength(1);
    expect(page.body).toMatch(/id="post-3-author">Marco Tutor[\s\S]*?data-tutor-badge/);
    expect(page.body).toContain(`name="postId" value="${answer.id}"`);
    expect(page.body).not.toContain(`name="postId" value="${own.id}"`);
    const refused = await ctx.request({
      method: 'POST',
      url: `/api/threads/${id}/accept`,
      as: asker.session,
      payload: { postId: own.id },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('own_reply');
    // Only the holder is offered to hand it back.
    expect(page.body).not.toContain(`/discussioni/${id}/restituisci`);
  });

  it('lets the tutor hand a question back from its page, and filter the queue to what awaits an answer', async () => {
    const open = await ask('Serve il CUP per la missione a Tunisi?');
    const replied = await ask('Quale capitolo di bilancio per le trasferte?');
    await newReply(ctx, tutor.session, replied, 'Il capitolo delle missioni istituzionali.');
    const queue = async (query: string) => (await web.page(`/tutoraggio${query}`, tutor.session)).body;
    const unanswered = await queue('?stato=open');
    expect(unanswered).toContain(`data-question="${open}"`);
    expect(unanswered).not.toContain(`data-question="${replied}"`);
    expect(unanswered).toContain('aria-current="page"');
    const waiting = await queue('?stato=answered');
    expect(waiting).toContain(`data-question="${replied}"`);
    expect(waiting).not.toContain(`data-question="${open}"`);
    expect(await queue('?stato=qualcosa')).toContain(`data-question="${open}"`);

    const page = await web.page(`/discussioni/${open}`, tutor.session);
    expect(page.body).toContain(`action="/discussioni/${open}/restituisci"`);
    const handed = await web.post(`/discussioni/${open}/restituisci`, {}, tutor.session);
    expect(handed.statusCode).toBe(303);
    const after = await web.page(`/discussioni/${open}`, withFlash(handed, tutor.session));
    expect(after.body).toContain('Domanda restituita');
    // The only tutor of the pool handed it back, so nobody of the pool follows it now.
    expect(after.body).not.toContain('Seguita da Marco Tutor');
    expect((await web.post(`/discussioni/${open}/restituisci`, {}, asker.session)).statusCode).toBe(403);
  });
});

describe('the accepted answer on the thread page', () => {
  it('shows the status, offers the asker an accept button on replies, and shows the accepted answer under the question', async () => {
    const id = await ask('Come rendiconto le spese del progetto?');
    const answer = await newReply(ctx, tutor.session, id, 'Usa il modello **B** allegato al bando.');
    const before = await web.page(`/discussioni/${id}`, asker.session);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('data-question-status="answered"');
    expect(before.body).toContain(`action="/discussioni/${id}/risposta-accettata"`);
    expect(before.body).toContain(`name="postId" value="${answer.id}"`);
    expect(before.body).not.toContain('data-accepted-answer');
    // The tutor may not accept; the outsider may not even read the thread.
    expect((await web.page(`/discussioni/${id}`, tutor.session)).body).toContain('data-question-status');

    const accepted = await web.post(
      `/discussioni/${id}/risposta-accettata`,
      { postId: String(answer.id) },
      asker.session,
    );
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/discussioni/${id}#post-${answer.number}`);
    const after = await web.page(`/discussioni/${id}`, withFlash(accepted, asker.session));
    expect(after.body).toContain('Risposta accettata: la domanda è risolta.');
    expect(after.body).toContain('data-question-status="resolved"');
    expect(after.body).toContain(`data-accepted-answer="${answer.number}"`);
    // Right under the question: after post 1, before the reply itself.
    const shown = after.body.indexOf('data-accepted-answer');
    expect(shown).toBeGreaterThan(after.body.indexOf('id="post-1"'));
    expect(shown).toBeLessThan(after.body.indexOf(`id="post-${answer.number}"`));
    expect(after.body).toContain('<strong>B</strong>');

    const api = await ctx.request({ method: 'GET', url: `/api/threads/${id}`, as: asker.session });
    expect(api.json().thread.question).toMatchObject({ status: 'resolved', acceptedPostId: answer.id });
  });

  it('refuses the first post and a stranger', async () => {
    const id = await ask('Domanda senza risposte');
    const first = await web.post(`/discussioni/${id}/risposta-accettata`, { postId: '1' }, asker.session);
    expect(first.statusCode).toBeGreaterThanOrEqual(400);
    expect(
      (await web.post(`/discussioni/${id}/risposta-accettata`, { postId: '1' }, outsider.session)).statusCode,
    ).toBe(404);
  });
});

describe('the tutoring pages', () => {
  it('answer 403 to participants and hide the nav entry from them', async () => {
    const page = await web.page('/tutoraggio', asker.session);
    expect(page.statusCode).toBe(403);
    expect((await web.page('/tutoraggio/metriche', asker.session)).statusCode).toBe(403);
    expect((await web.page('/', asker.session)).body).not.toContain('href="/tutoraggio"');
  });

  it('list the tutor’s queue, unanswered first with their age', async () => {
    const waiting = await ask('Chi firma la convenzione?');
    const replied = await ask('Serve il DURC?');
    await newReply(ctx, tutor.session, replied, 'Sì, serve.');
    const page = await web.page('/tutoraggio', tutor.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/tutoraggio"');
    expect(page.body).toMatch(/<h1[^>]*>Le mie domande di tutoraggio<\/h1>/);
    expect(page.body).toContain(`href="/discussioni/${waiting}"`);
    expect(page.body).toContain(`href="/discussioni/${replied}"`);
    expect(page.body.indexOf(`data-question="${waiting}"`)).toBeLessThan(
      page.body.indexOf(`data-question="${replied}"`),
    );
    expect(page.body).toMatch(/\d+(\.\d+)? ore/);
    expect(page.body).toContain('<th scope="col">');
  });

  it('render the metrics as tables for a period, and refuse a backwards one', async () => {
    const page = await web.page('/tutoraggio/metriche', tutor.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<h1[^>]*>Metriche del tutoraggio<\/h1>/);
    expect(page.body).toContain('<th scope="row">In totale</th>');
    expect(page.body).toContain('<th scope="row">Marco Tutor</th>');
    expect(page.body).toContain('<th scope="row">Laboratorio di Lecce</th>');
    const ranged = await web.page('/tutoraggio/metriche?dal=2020-01-01&al=2020-01-31', admin.session);
    expect(ranged.statusCode).toBe(200);
    expect(ranged.body).toContain('value="2020-01-01"');
    expect(ranged.body).toContain('Nessuna domanda nel periodo.');
    const backwards = await web.page('/tutoraggio/metriche?dal=2020-02-01&al=2020-01-01', admin.session);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('role="alert"');
  });
});

describe('the document library pages', () => {
  it('lists documents and shows one with its versions, download links and discussion', async () => {
    const document = await newDocument(ctx, asker.session, { tableId: String(labId), title: 'Piano per Lecce 2030' });
    const list = await web.page('/documenti', asker.session);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/documenti"');
    expect(list.body).toContain(`href="/documenti/${document.id}"`);
    const filtered = await web.page('/documenti?tipo=template&q=Lecce', asker.session);
    expect(filtered.body).not.toContain(`href="/documenti/${document.id}"`);
    expect((await web.page('/documenti?q=Lecce+2030', asker.session)).body).toContain(
      `href="/documenti/${document.id}"`,
    );

    const page = await web.page(`/documenti/${document.id}`, asker.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<h1[^>]*>Piano per Lecce 2030<\/h1>/);
    expect(page.body).toContain('data-version="1"');
    expect(page.body).toContain(`href="/api/documents/${document.id}/versions/1/file"`);
    expect(page.body).toContain(`href="/discussioni/${document.threadId}"`);
    // The author may submit the draft.
    expect(page.body).toContain('name="to" value="submitted"');
    const download = await ctx.request({
      method: 'GET',
      url: `/api/documents/${document.id}/versions/1/file`,
      as: asker.session,
    });
    expect(download.statusCode).toBe(200);
  });

  it('lets a moderator publish through the page form, and wants a comment to ask for changes', async () => {
    const moderator = await signedIn(ctx, { role: 'moderator' });
    const table = await newTable(ctx, { kind: 'lab', members: [asker.user, moderator.user] });
    const document = await newDocument(ctx, asker.session, { tableId: String(table.id) });
    expect((await transition(ctx, asker.session, document.id, 'submitted')).statusCode).toBe(200);
    const page = await web.page(`/documenti/${document.id}`, moderator.session);
    expect(page.body).toContain(`action="/documenti/${document.id}/stato"`);
    expect(page.body).toContain('name="to" value="published"');
    expect(page.body).toContain('<label for="workflow-comment"');

    const uncommented = await web.post(
      `/documenti/${document.id}/stato`,
      { to: 'changes_requested' },
      moderator.session,
    );
    expect(uncommented.statusCode).toBe(400);
    expect(uncommented.body).toContain('Scrivi nel commento che cosa va cambiato.');

    const published = await web.post(
      `/documenti/${document.id}/stato`,
      { to: 'published', comment: '' },
      moderator.session,
    );
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/documenti/${document.id}`);
    const after = await web.page(`/documenti/${document.id}`, withFlash(published, moderator.session));
    expect(after.body).toContain('Stato del documento aggiornato: Pubblicato.');
    expect(after.body).toContain('data-document-status="published"');
    // The author cannot publish.
    expect((await web.post(`/documenti/${document.id}/stato`, { to: 'archived' }, asker.session)).statusCode).toBe(403);
  });

  it('asks a tutor to review a version and lands on the new question', async () => {
    const document = await newDocument(ctx, asker.session, { tableId: String(labId) });
    const asked = await web.post(`/documenti/${document.id}/versioni/1/revisione`, {}, asker.session);
    expect(asked.statusCode).toBe(303);
    const location = asked.headers.location as string;
    expect(location).toMatch(/^\/discussioni\/\d+$/);
    const question = await web.page(location, withFlash(asked, asker.session));
    expect(question.body).toContain('data-question-status="open"');
    expect(question.body).toContain(`/documenti/${document.id}`);
  });

  it('answers 404 to an outsider for a lab document', async () => {
    const document = await newDocument(ctx, asker.session, { tableId: String(labId) });
    expect((await web.page(`/documenti/${document.id}`, outsider.session)).statusCode).toBe(404);
    expect((await web.page('/documenti', outsider.session)).body).not.toContain(`href="/documenti/${document.id}"`);
  });
});

describe('the person page', () => {
  it('shows a person’s name, handle, ente and role, and 404s an unknown handle', async () => {
    const ente = await newEnte(ctx, { name: 'Comune di Otranto' });
    const person = await signedIn(ctx, { displayName: 'Sara Conte', role: 'tutor', enteId: ente.id });
    const page = await web.page(`/u/${person.user.handle}`, asker.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<h1[^>]*>Sara Conte<\/h1>/);
    expect(page.body).toContain(`@${person.user.handle}`);
    expect(page.body).toContain('Comune di Otranto');
    expect(page.body).toContain('Tutor');
    expect((await web.page(`/u/${person.user.handle.toUpperCase()}`, asker.session)).statusCode).toBe(200);
    expect((await web.page('/u/nessuno-con-questo-nome', asker.session)).statusCode).toBe(404);
    expect((await web.page(`/u/${person.user.handle}`)).statusCode).toBe(303);
  });
});

describe('the admins’ tutor pools page', () => {
  it('lists who answers where, adds and removes pool places, and explains refusals', async () => {
    const second = await signedIn(ctx, { role: 'tutor', displayName: 'Ornella Seconda' });
    const listed = await web.page('/admin/tutor', admin.session);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).toMatch(/<th scope="row">Marco Tutor<\/th><td>Laboratorio di Lecce<\/td>/);
    expect(listed.body).toContain(`<option value="${second.user.id}">Ornella Seconda</option>`);

    const added = await web.post(
      '/admin/tutor',
      { tutorId: String(second.user.id), tableId: '', focusArea: 'innovazione' },
      admin.session,
    );
    expect(added.statusCode).toBe(303);
    const after = await web.page('/admin/tutor', withFlash(added, admin.session));
    expect(after.body).toContain('Tutor aggiunto al gruppo.');
    expect(after.body).toMatch(/<th scope="row">Ornella Seconda<\/th><td>Ogni tavolo<\/td><td>Innovazione/);

    const refused = await web.post(
      '/admin/tutor',
      { tutorId: String(asker.user.id), focusArea: 'cultura' },
      admin.session,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Solo chi ha il ruolo di tutor');
    const empty = await web.post('/admin/tutor', { tutorId: String(second.user.id) }, admin.session);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Scegli un tavolo, un’area tematica o entrambi.');

    const removed = await web.post(
      '/admin/tutor/rimuovi',
      { tutorId: String(second.user.id), tableId: '', focusArea: 'innovazione' },
      admin.session,
    );
    expect(removed.statusCode).toBe(303);
    expect((await web.page('/admin/tutor', admin.session)).body).not.toContain('<th scope="row">Ornella Seconda</th>');
    expect((await web.page('/admin/tutor', tutor.session)).statusCode).toBe(403);
  });
});
