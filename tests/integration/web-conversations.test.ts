import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf, withFlash } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
type Person = Awaited<ReturnType<typeof signedIn>>;
let anna: Person;
let bruno: Person;
let carla: Person;
let outsider: Person;
let moderator: Person;

const idFrom = (location: unknown) => Number(/^\/conversazioni\/(\d+)$/.exec(String(location))?.[1]);
const messageAnchor = /^\/conversazioni\/(\d+)#m-(\d+)$/;

async function startWith(as: Person, fields: Record<string, string>) {
  const response = await web.post('/conversazioni', fields, as.session);
  expect(response.statusCode, response.body).toBe(303);
  return idFrom(response.headers.location);
}

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  web = browserOf(ctx);
  anna = await signedIn(ctx, { displayName: 'Anna Russo' });
  bruno = await signedIn(ctx, { displayName: 'Bruno Gallo' });
  carla = await signedIn(ctx, { displayName: 'Carla Neri' });
  outsider = await signedIn(ctx, { displayName: 'Ettore Esterno' });
  moderator = await signedIn(ctx, { role: 'moderator', displayName: 'Marco Moderatore' });
});
afterAll(async () => {
  await ctx.close();
});

describe('the pages of private conversations', () => {
  it('start from the form with two handles, show the conversation, take a reply and count it unread for the others', async () => {
    const form = await web.page(`/conversazioni/nuova?con=${bruno.user.handle}&con=${carla.user.handle}`, anna.session);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="@${bruno.user.handle}, @${carla.user.handle}"`);
    expect(form.body).toContain('È una domanda per un tutor');
    // Nothing keeps drafts of private messages.
    expect(form.body).not.toContain('value="draft"');

    const id = await startWith(anna, {
      recipients: `@${bruno.user.handle}, ${carla.user.handle.toUpperCase()}`,
      title: 'Partenariato con Sfax',
      body: 'Ciao a entrambi, **possiamo** sentirci?',
      isQuestion: '1',
    });
    expect(id).toBeGreaterThan(0);

    const page = await web.page(`/conversazioni/${id}`, anna.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="mb-2">Partenariato con Sfax</h1>');
    expect(page.body).toContain('<strong>possiamo</strong> sentirci?');
    expect(page.body).toContain('Domanda al tutor');
    for (const name of ['Anna Russo', 'Bruno Gallo', 'Carla Neri']) expect(page.body).toContain(name);
    expect(page.body).toContain(`data-conversation-id="${id}"`);
    expect(page.body).toContain('<script src="/static/conversation.js" defer></script>');

    // Bruno sees it waiting: in the header on every page, and in the list.
    const home = await web.page('/conversazioni', bruno.session);
    expect(home.body).toMatch(/data-conversations-badge>1<span class="visually-hidden"> conversazioni non lette/);
    expect(home.body).toContain(`href="/conversazioni/${id}">Partenariato con Sfax</a>`);
    expect(home.body).toContain('1 messaggio non letto');
    expect(home.body).toContain('Domanda al tutor');
    expect(home.body).toContain('Con Anna Russo, Carla Neri');

    // Opening it reads it: the header counts it no more.
    const opened = await web.page(`/conversazioni/${id}`, bruno.session);
    expect(opened.body).not.toContain('data-conversations-badge');

    const reply = await web.post(`/conversazioni/${id}/messaggi`, { body: 'Volentieri, giovedì?' }, bruno.session);
    expect(reply.statusCode, reply.body).toBe(303);
    const [, replyConversation, messageId] = messageAnchor.exec(String(reply.headers.location)) ?? [];
    expect(Number(replyConversation)).toBe(id);

    const carlaList = await web.page('/conversazioni', carla.session);
    expect(carlaList.body).toContain('2 messaggi non letti');
    expect(carlaList.body).toMatch(/data-conversations-badge>1</);
    const annaList = await web.page('/conversazioni', anna.session);
    expect(annaList.body).toContain('1 messaggio non letto');
    const annaPage = await web.page(`/conversazioni/${id}`, anna.session);
    expect(annaPage.body).toContain(`id="m-${messageId}"`);
    expect(annaPage.body).toContain('Volentieri, giovedì?');
    // The list names the newest first.
    const other = await startWith(anna, { recipients: `@${bruno.user.handle}`, body: 'Un’altra cosa.' });
    const newest = await web.page('/conversazioni', anna.session);
    expect(newest.body.indexOf(`/conversazioni/${other}"`)).toBeLessThan(newest.body.indexOf(`/conversazioni/${id}"`));
    // Without a title, the names of the people make one.
    expect(newest.body).toContain(`href="/conversazioni/${other}">Anna Russo, Bruno Gallo</a>`);
  });

  it('is a not-found page for someone not in the conversation, and for posting in it', async () => {
    const id = await startWith(anna, { recipients: bruno.user.handle, body: 'Solo per te.' });
    const page = await web.page(`/conversazioni/${id}`, outsider.session);
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('Solo per te.');
    const posted = await web.post(`/conversazioni/${id}/messaggi`, { body: 'Entro anch’io' }, outsider.session);
    expect(posted.statusCode).toBe(404);
    const left = await web.post(`/conversazioni/${id}/lascia`, {}, outsider.session);
    expect(left.statusCode).toBe(404);
  });

  it('says which handles it cannot find, keeping what was typed', async () => {
    const response = await web.post(
      '/conversazioni',
      { recipients: `@${bruno.user.handle} @nessuno.qui`, title: 'Un titolo', body: 'Testo da non perdere' },
      anna.session,
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Non troviamo @nessuno.qui.');
    expect(response.body).toContain(`value="@${bruno.user.handle} @nessuno.qui"`);
    expect(response.body).toContain('value="Un titolo"');
    expect(response.body).toContain('Testo da non perdere</textarea>');
    expect(response.body).toMatch(/id="new-conversation-recipients"[^>]*aria-invalid="true"/);

    const nobody = await web.post('/conversazioni', { recipients: '', body: 'Ciao' }, anna.session);
    expect(nobody.statusCode).toBe(400);
    expect(nobody.body).toContain('Scegli almeno una persona oltre a te.');
    const self = await web.post('/conversazioni', { recipients: anna.user.handle, body: 'Ciao' }, anna.session);
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('Scegli almeno una persona oltre a te.');
    const empty = await web.post('/conversazioni', { recipients: bruno.user.handle, body: '  ' }, anna.session);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Scrivi qualcosa prima di pubblicare.');
  });

  it('previews a message without JavaScript, keeping the form', async () => {
    const response = await web.post(
      '/conversazioni',
      { recipients: bruno.user.handle, body: 'Un *corsivo*', intent: 'preview' },
      anna.session,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<em>corsivo</em>');
    expect(response.body).toContain(`value="${bruno.user.handle}"`);
  });

  it('leaves after a confirmation, and the conversation is then gone for the one who left', async () => {
    const id = await startWith(anna, { recipients: `${bruno.user.handle} ${carla.user.handle}`, body: 'Ci siamo?' });
    const asked = await web.post(`/conversazioni/${id}/lascia`, {}, carla.session);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Lasciare la conversazione «Anna Russo, Bruno Gallo, Carla Neri»?');
    expect(asked.body).toContain('name="conferma" value="1"');
    expect(asked.body).toContain(`href="/conversazioni/${id}"`);
    // Still in it until confirmed.
    expect((await web.page(`/conversazioni/${id}`, carla.session)).statusCode).toBe(200);

    const left = await web.post(`/conversazioni/${id}/lascia`, { conferma: '1' }, carla.session);
    expect(left.statusCode).toBe(303);
    expect(left.headers.location).toBe('/conversazioni');
    const list = await web.page('/conversazioni', withFlash(left, carla.session));
    expect(list.body).toContain('Hai lasciato la conversazione.');
    expect(list.body).not.toContain(`href="/conversazioni/${id}"`);
    expect((await web.page(`/conversazioni/${id}`, carla.session)).statusCode).toBe(404);

    const stayed = await web.page(`/conversazioni/${id}`, anna.session);
    expect(stayed.body).toMatch(/Carla Neri<\/a>\s*<span class="small text-secondary">\(ha lasciato\)<\/span>/);
  });

  it('calls a moderator in, who can then open the conversation', async () => {
    const id = await startWith(anna, { recipients: bruno.user.handle, body: 'Un messaggio sgradevole' });
    expect((await web.page(`/conversazioni/${id}`, moderator.session)).statusCode).toBe(404);

    const empty = await web.post(`/conversazioni/${id}/segnala`, { reason: ' ' }, bruno.session);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Spiega in poche parole il motivo');
    expect(empty.body).toMatch(/<details class="conversation-flag" open>/);

    const flagged = await web.post(`/conversazioni/${id}/segnala`, { reason: 'Toni offensivi' }, bruno.session);
    expect(flagged.statusCode).toBe(303);
    expect(flagged.headers.location).toBe(`/conversazioni/${id}`);
    const page = await web.page(`/conversazioni/${id}`, withFlash(flagged, bruno.session));
    expect(page.body).toContain('Abbiamo chiamato i moderatori');
    expect(page.body).toMatch(/Marco Moderatore<\/a>\s*<span class="label label-tutor">moderatore chiamato<\/span>/);

    const seen = await web.page(`/conversazioni/${id}`, moderator.session);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('Un messaggio sgradevole');
  });

  it('refuses people who turned "Accetto messaggi privati" off, with a readable message', async () => {
    const profile = await web.page('/profilo', carla.session);
    expect(profile.body).toMatch(/name="acceptsMessages" value="1"[^>]*checked/);
    expect(profile.body).toContain('Accetto messaggi privati');
    const saved = await web.post(
      '/profilo/email',
      {
        digest: 'off',
        digestHour: '8',
        digestWeekday: '1',
        timezone: 'Europe/Rome',
        'emailOn-mentions': 'immediately',
        'emailOn-replies': 'immediately',
        'emailOn-watched': 'digest',
        'emailOn-tutoring': 'immediately',
      },
      carla.session,
    );
    expect(saved.statusCode, saved.body).toBe(303);
    const after = await web.page('/profilo', carla.session);
    expect(after.body).not.toMatch(/name="acceptsMessages" value="1"[^>]*checked/);

    const refused = await web.post('/conversazioni', { recipients: carla.user.handle, body: 'Ci sei?' }, anna.session);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Una delle persone indicate non accetta messaggi privati.');
    expect(refused.body).toContain('Ci sei?</textarea>');
    // A moderator still may write to her.
    await startWith(moderator, { recipients: carla.user.handle, body: 'Un avviso dalla moderazione.' });

    const back = await web.post(
      '/profilo/email',
      {
        digest: 'off',
        digestHour: '8',
        digestWeekday: '1',
        timezone: 'Europe/Rome',
        'emailOn-mentions': 'immediately',
        'emailOn-replies': 'immediately',
        'emailOn-watched': 'digest',
        'emailOn-tutoring': 'immediately',
        acceptsMessages: '1',
      },
      carla.session,
    );
    expect(back.statusCode).toBe(303);
    await startWith(anna, { recipients: carla.user.handle, body: 'Ora sì.' });
  });

  it('shows a hostile message as text, never as markup', async () => {
    const id = await startWith(anna, {
      recipients: bruno.user.handle,
      title: '<img src=x onerror=alert(1)>',
      body: 'Guarda <script>alert("x")</script> e <a href="javascript:alert(1)">qui</a>',
    });
    const page = await web.page(`/conversazioni/${id}`, bruno.session);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script&gt;alert');
    expect(page.body).not.toMatch(/<a[^>]*href="javascript:/);
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const list = await web.page('/conversazioni', bruno.session);
    expect(list.body).not.toContain('<img src=x');
  });

  it('offers "Scrivi in privato" on people’s pages, the directory and others’ posts', async () => {
    const link = `href="/conversazioni/nuova?con=${encodeURIComponent(bruno.user.handle)}"`;
    const person = await web.page(`/u/${bruno.user.handle}`, anna.session);
    expect(person.body).toContain(link);
    const own = await web.page(`/u/${anna.user.handle}`, anna.session);
    expect(own.body).not.toContain('data-write-privately');

    const table = await newTable(ctx, { kind: 'lab', members: [anna.user, bruno.user] });
    const { thread } = await newThread(ctx, bruno.session, { tableId: table.id, title: 'Una discussione qualsiasi' });
    const asAnna = await web.page(`/discussioni/${thread.id}`, anna.session);
    expect(asAnna.body).toContain(link);
    const asBruno = await web.page(`/discussioni/${thread.id}`, bruno.session);
    expect(asBruno.body).not.toContain(link);

    const nav = await web.page('/', anna.session);
    expect(nav.body).toContain('href="/conversazioni"');
    expect(nav.body).toContain('<span>Messaggi</span>');
  });

  // Last: publishing a Liberatoria changes what every page asks of the others.
  it('offers "Scrivi in privato" on the entries of the competence directory, except one’s own', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const published = await ctx.request({
      method: 'POST',
      url: '/api/admin/consents/liberatoria/versions',
      as: admin.session,
      payload: { textIt: 'Liberatoria.', textEn: 'Liberatoria.' },
    });
    expect(published.statusCode, published.body).toBe(201);
    const version = published.json().version as number;
    for (const who of [anna, bruno]) {
      const saved = await ctx.request({
        method: 'PUT',
        url: '/api/me/cv',
        as: who.session,
        payload: { headline: `Progettazione europea, ${who.user.display_name}` },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const accepted = await ctx.request({
        method: 'POST',
        url: '/api/consents/liberatoria/accept',
        as: who.session,
        payload: { version },
      });
      expect(accepted.statusCode, accepted.body).toBe(201);
    }
    const page = await web.page('/competenze', anna.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/conversazioni/nuova?con=${encodeURIComponent(bruno.user.handle)}"`);
    expect(page.body).not.toContain(`href="/conversazioni/nuova?con=${encodeURIComponent(anna.user.handle)}"`);
    const entry = await web.page(`/competenze/${bruno.user.id}`, anna.session);
    expect(entry.body).toContain(`href="/conversazioni/nuova?con=${encodeURIComponent(bruno.user.handle)}"`);
  });
});
