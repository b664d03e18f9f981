import { tableRepo } from '@hubspoke/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newTable, signedIn } from '../support/factories.js';
import { browserOf, withFlash } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
let moderator: Awaited<ReturnType<typeof signedIn>>;
let member: Awaited<ReturnType<typeof signedIn>>;
let outsider: Awaited<ReturnType<typeof signedIn>>;
let labId: number;
let pathUrl: string;

const DAY = 86_400_000;
/** A day in Rome, as the date input sends it. */
const romeDay = (at: number) => new Date(at).toLocaleDateString('en-CA', { timeZone: 'Europe/Rome' });

const sessionForm = (overrides: Record<string, string> = {}) => ({
  title: 'Definizione di una proposta di piano strategico',
  dimension: 'strategia',
  date: romeDay(Date.now() + 10 * DAY),
  time: '09:30',
  days: '1,5',
  place: 'Sala consiliare, Comune di Lecce',
  online: 'https://meet.example.it/lecce',
  ...overrides,
});

beforeAll(async () => {
  ctx = await createTestContext();
  web = browserOf(ctx);
  moderator = await signedIn(ctx, { role: 'moderator', displayName: 'Mario Moderatore' });
  member = await signedIn(ctx, { displayName: 'Marta Lecce' });
  outsider = await signedIn(ctx);
  const lab = await newTable(ctx, { name: 'Laboratorio di Lecce', members: [moderator.user, member.user] });
  labId = lab.id;
  pathUrl = `/tavoli/${labId}/percorso`;
});
afterAll(async () => {
  await ctx.close();
});

describe('the Percorso page', () => {
  it('is linked from the table, and says when nothing is planned yet', async () => {
    const table = await web.page(`/tavoli/${labId}`, member.session);
    expect(table.body).toContain(`href="${pathUrl}"`);
    const page = await web.page(pathUrl, member.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Percorso: Laboratorio di Lecce');
    expect(page.body).toContain('Nessuna sessione in programma.');
    expect(page.body).toContain(`href="/tavoli/${labId}"`);
    expect(page.body).toContain(`http://forum.test/api/tables/${labId}/calendar.ics`);
  });

  it('lets the moderator add a session and a product due through the forms, and shows them', async () => {
    const created = await web.post(`${pathUrl}/sessioni`, sessionForm(), moderator.session);
    expect(created.statusCode, created.body).toBe(303);
    expect(created.headers.location).toMatch(new RegExp(`^${pathUrl}#sessione-\\d+$`));
    const page = await web.page(pathUrl, withFlash(created, moderator.session));
    expect(page.body).toContain('Sessione «Definizione di una proposta di piano strategico» aggiunta al percorso.');
    expect(page.body).toContain('1,5 giorni');
    expect(page.body).toContain('Sala consiliare, Comune di Lecce');
    expect(page.body).toContain('href="https://meet.example.it/lecce"');
    expect(page.body).toContain('alle ore 09:30');
    expect(page.body).toContain('In programma');
    expect(page.body).not.toContain('Nessuna sessione in programma.');
    // The edit form comes back filled in Rome's wall-clock time.
    expect(page.body).toMatch(/name="time"[^>]*value="09:30"/);

    const product = await web.post(
      `${pathUrl}/prodotti`,
      { dimension: 'strategia', documentKind: 'strategic_plan', dueAt: '2030-06-30' },
      moderator.session,
    );
    expect(product.statusCode, product.body).toBe(303);
    const withProduct = await web.page(pathUrl, withFlash(product, moderator.session));
    expect(withProduct.body).toContain('Prodotto da consegnare aggiunto.');
    expect(withProduct.body).toContain('Piano strategico');
    expect(withProduct.body).toContain('30 giugno 2030');
    expect(withProduct.body).toContain('non ancora caricato');

    const twice = await web.post(
      `${pathUrl}/prodotti`,
      { dimension: 'strategia', documentKind: 'strategic_plan', dueAt: '2031-01-31' },
      moderator.session,
    );
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Per questa dimensione il tavolo ha già quel prodotto da consegnare.');
  });

  it('shows a session of a wrong length again with the reason next to the field', async () => {
    const refused = await web.post(
      `${pathUrl}/sessioni`,
      sessionForm({ title: 'Sessione sbagliata', days: '1,25' }),
      moderator.session,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('La durata va da 0,5 a 30 giorni, a mezze giornate');
    expect(refused.body).toMatch(
      /id="new-session-days"[^>]*aria-describedby="[^"]*new-session-error"[^>]*aria-invalid="true"/,
    );
    expect(refused.body).toContain('value="Sessione sbagliata"');
    const link = await web.post(
      `${pathUrl}/sessioni`,
      sessionForm({ online: 'http://meet.example.it' }),
      moderator.session,
    );
    expect(link.statusCode).toBe(400);
    expect(link.body).toContain('deve essere un indirizzo che inizia con https://');
    const page = await web.page(pathUrl, moderator.session);
    expect(page.body).not.toContain('Sessione sbagliata');
  });

  it('shows participants the path without the forms, and refuses their posts', async () => {
    const page = await web.page(pathUrl, member.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Definizione di una proposta di piano strategico');
    expect(page.body).not.toContain(`action="${pathUrl}/sessioni"`);
    expect(page.body).not.toContain(`action="${pathUrl}/prodotti"`);
    expect(page.body).not.toContain('Gestione del percorso');
    const refused = await web.post(`${pathUrl}/sessioni`, sessionForm({ title: 'Di nascosto' }), member.session);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect((await web.page(pathUrl, moderator.session)).body).not.toContain('Di nascosto');
  });

  it('is unknown to people outside a private lab, and for tables that do not exist', async () => {
    const page = await web.page(pathUrl, outsider.session);
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).not.toContain('Laboratorio di Lecce');
    expect((await web.post(`${pathUrl}/sessioni`, sessionForm(), outsider.session)).statusCode).toBe(404);
    expect((await web.page('/tavoli/999999/percorso', moderator.session)).statusCode).toBe(404);
  });

  it('records attendance of a session held, and the participant then reads “Hai partecipato”', async () => {
    const held = await web.post(
      `${pathUrl}/sessioni`,
      sessionForm({ title: 'Analisi del contesto', date: romeDay(Date.now() - 3 * DAY), days: '1' }),
      moderator.session,
    );
    expect(held.statusCode, held.body).toBe(303);
    const sessionId = Number(held.headers.location?.split('#sessione-')[1]);
    const before = await web.page(pathUrl, member.session);
    expect(before.body).toContain('Svolte');
    expect(before.body).not.toContain('Hai partecipato');
    expect(before.body).not.toContain('Assenza registrata');

    const saved = await web.post(
      `${pathUrl}/sessioni/${sessionId}/presenze`,
      { userIds: [String(member.user.id)] },
      moderator.session,
    );
    expect(saved.statusCode, saved.body).toBe(303);
    const planner = await web.page(pathUrl, withFlash(saved, moderator.session));
    expect(planner.body).toContain('Presenze salvate: 1 persona.');
    expect(planner.body).toMatch(
      new RegExp(`id="attendance-${sessionId}-${member.user.id}"[^>]*value="${member.user.id}" checked`),
    );
    // The moderator was not there: an absence is recorded for them.
    expect(planner.body).toContain('Assenza registrata');
    const after = await web.page(pathUrl, member.session);
    expect(after.body).toContain('Hai partecipato');
    // Once attendance is taken, a participant left out reads their absence too.
    const absent = await web.post(
      `${pathUrl}/sessioni/${sessionId}/presenze`,
      { userIds: [String(moderator.user.id)] },
      moderator.session,
    );
    expect(absent.statusCode).toBe(303);
    const left = await web.page(pathUrl, member.session);
    expect(left.body).toContain('Assenza registrata');
    expect(left.body).not.toContain('Hai partecipato');
    await web.post(
      `${pathUrl}/sessioni/${sessionId}/presenze`,
      { userIds: [String(member.user.id)] },
      moderator.session,
    );

    const stranger = await web.post(
      `${pathUrl}/sessioni/${sessionId}/presenze`,
      { userIds: [String(outsider.user.id)] },
      moderator.session,
    );
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain('Si possono segnare presenti solo le persone che partecipano al tavolo.');
    const byMember = await web.post(
      `${pathUrl}/sessioni/${sessionId}/presenze`,
      { userIds: [String(member.user.id)] },
      member.session,
    );
    expect(byMember.statusCode).toBe(403);
  });

  it('changes a session and deletes it after asking', async () => {
    const created = await web.post(`${pathUrl}/sessioni`, sessionForm({ title: 'Da spostare' }), moderator.session);
    const sessionId = Number(created.headers.location?.split('#sessione-')[1]);
    const changed = await web.post(
      `${pathUrl}/sessioni/${sessionId}`,
      sessionForm({ title: 'Spostata', days: '2', online: '' }),
      moderator.session,
    );
    expect(changed.statusCode, changed.body).toBe(303);
    expect((await web.page(pathUrl, member.session)).body).toContain('Spostata');

    const asked = await web.post(`${pathUrl}/sessioni/${sessionId}/elimina`, {}, moderator.session);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Eliminare la sessione «Spostata»?');
    expect((await web.post(`${pathUrl}/sessioni/${sessionId}/elimina`, {}, member.session)).statusCode).toBe(403);
    const deleted = await web.post(`${pathUrl}/sessioni/${sessionId}/elimina`, { conferma: '1' }, moderator.session);
    expect(deleted.statusCode).toBe(303);
    expect((await web.page(pathUrl, member.session)).body).not.toContain('Spostata');
  });

  it('creates a personal calendar link shown once, which works until it is revoked', async () => {
    const created = await web.post(`${pathUrl}/calendario`, {}, member.session);
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe(`${pathUrl}#calendario`);
    const shown = await web.page(pathUrl, withFlash(created, member.session));
    expect(shown.body).toContain('Link di abbonamento creato.');
    const feed = shown.body.match(/id="calendar-new-personal"[^>]*value="http:\/\/forum\.test([^"]+)"/)?.[1];
    expect(feed).toMatch(/^\/api\/me\/calendar\.ics\?token=/);
    const tableFeed = shown.body.match(/id="calendar-new-table"[^>]*value="http:\/\/forum\.test([^"]+)"/)?.[1];
    expect(tableFeed).toMatch(new RegExp(`^/api/tables/${labId}/calendar\\.ics\\?token=`));
    // Shown in the calendar box, not a second time in the banner.
    expect(shown.body).not.toContain('id="new-secret"');
    const ics = await ctx.request({ method: 'GET', url: String(feed) });
    expect(ics.statusCode).toBe(200);
    expect(ics.body).toContain('Analisi del contesto');
    expect((await ctx.request({ method: 'GET', url: String(tableFeed) })).statusCode).toBe(200);
    const token = String(feed).split('token=')[1] ?? '';
    expect((await web.page(pathUrl, member.session)).body).not.toContain(token);

    const revoked = await web.post(`${pathUrl}/calendario/revoca`, {}, member.session);
    expect(revoked.statusCode).toBe(303);
    const after = await web.page(pathUrl, withFlash(revoked, member.session));
    expect(after.body).toContain('Link di abbonamento revocato');
    expect((await ctx.request({ method: 'GET', url: String(feed) })).statusCode).toBe(401);
    const again = await web.post(`${pathUrl}/calendario/revoca`, {}, member.session);
    expect((await web.page(pathUrl, withFlash(again, member.session))).body).toContain(
      'Non avevi un link di abbonamento attivo.',
    );
  });
  it('reads in English for those who chose it, with Rome’s times', async () => {
    const reader = await signedIn(ctx, { displayName: 'Emma Reader' });
    await tableRepo.addMembers(ctx.db, [labId], reader.user.id);
    await ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', reader.user.id).execute();
    const page = await web.page(pathUrl, reader.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Path: Laboratorio di Lecce');
    expect(page.body).toContain('1.5 days');
    expect(page.body).toContain('at 09:30');
    expect(page.body).toContain('not uploaded yet');
  });
});
