import { eventRepo } from '@hubspoke/db';
import { fanOutEvent } from '@hubspoke/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf, withFlash } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
type Person = { user: { id: number; handle: string }; session: Session };
let alice: Person;
let bob: Person;
let moderator: Person;
let outsider: Person;
let tableId: number;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  web = browserOf(ctx);
  alice = await signedIn(ctx, { displayName: 'Alice Conti' });
  bob = await signedIn(ctx, { displayName: 'Bruno Neri' });
  moderator = await signedIn(ctx, { role: 'moderator' });
  outsider = await signedIn(ctx);
  tableId = (await newTable(ctx, { members: [alice.user, bob.user, moderator.user] })).id;
});
afterAll(() => ctx.close());

/** What the worker does after a post: turn its event into notifications. */
async function fanOut(postId: number) {
  const events = await eventRepo.listAfter(ctx.db, 0, 10_000);
  const source = events.find((e) => e.name === 'post.created' && e.data.id === postId);
  if (!source) throw new Error('no event for the post');
  await fanOutEvent({ db: ctx.db } as Parameters<typeof fanOutEvent>[0], source);
}

describe('the search page', () => {
  it('shows highlighted results I may read, a hint, an empty state, and a refusal of too short a query', async () => {
    const { thread } = await newThread(ctx, alice.session, {
      tableId,
      title: 'Valorizzazione del patrimonio <b>culturale</b>',
      body: 'Parliamo di ecomusei e di turismo lento.',
    });
    const found = await web.page('/cerca?q=ecomusei', bob.session);
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('<mark>ecomusei</mark>');
    expect(found.body).toContain(`href="/discussioni/${thread.id}#post-1"`);
    expect(found.body).toContain('&lt;b&gt;culturale&lt;/b&gt;');
    expect(found.body).toContain('&quot;piano strategico&quot;');
    expect((await web.page('/cerca?q=ecomusei', outsider.session)).body).toContain('Nessun messaggio corrisponde');
    const short = await web.page('/cerca?q=e', bob.session);
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Scrivi da 2 a 200 caratteri');
    expect((await web.page('/cerca', bob.session)).body).not.toContain('id="results-title"');
  });
});

describe('notifications', () => {
  it('are listed with an unread marker and a badge in the header, open their post, and can all be marked read', async () => {
    const { thread } = await newThread(ctx, alice.session, { tableId });
    const reply = await newReply(ctx, bob.session, thread.id, `Ciao @${alice.user.handle}`);
    await fanOut(reply.id);
    const page = await web.page('/notifiche', alice.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bruno Neri ti ha menzionato');
    expect(page.body).toContain('notification-unread');
    expect(page.body).toMatch(/data-unread-badge><span data-unread-count>1<\/span>/);
    const link = /href="(\/notifiche\/\d+\?vai=[^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
    const opened = await web.page(String(link), alice.session);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`/discussioni/${thread.id}#post-2`);
    expect((await web.page('/', alice.session)).body).toMatch(/data-unread-badge hidden>/);

    const again = await newReply(ctx, bob.session, thread.id, `Ancora @${alice.user.handle}`);
    await fanOut(again.id);
    const marked = await web.post('/notifiche/lette', {}, alice.session);
    expect(marked.statusCode).toBe(303);
    const after = await web.page('/notifiche', withFlash(marked, alice.session));
    expect(after.body).toContain('Tutte le notifiche sono segnate come lette.');
    expect(after.body).not.toContain('notification-unread');
  });

  it('give the live client where to start from on every signed-in page', async () => {
    const home = await web.page('/', bob.session);
    expect(home.body).toMatch(/<body data-live-last-event="\d+" data-live-newest-notification="\d+">/);
    expect(home.body).toContain('<script src="/static/live.js" defer></script>');
    const script = await ctx.request({ method: 'GET', url: '/static/live.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });
});

describe('mail preferences on the profile', () => {
  it('save the digest and the email choices, and show them back', async () => {
    const fields = {
      digest: 'weekly',
      digestHour: '18',
      digestWeekday: '5',
      timezone: 'Europe/Lisbon',
      digestSkipIfActive: '1',
      'emailOn-mentions': 'immediately',
      'emailOn-replies': 'digest',
      'emailOn-watched': 'never',
      'emailOn-tutoring': 'digest',
    };
    const saved = await web.post('/profilo/email', fields, bob.session);
    expect(saved.statusCode).toBe(303);
    const { preferences: prefs } = (
      await ctx.request({ method: 'GET', url: '/api/me/preferences', as: bob.session })
    ).json();
    expect(prefs).toMatchObject({
      digest: 'weekly',
      digestHour: 18,
      digestWeekday: 5,
      timezone: 'Europe/Lisbon',
      digestSkipIfActive: true,
      emailOn: { mentions: 'immediately', replies: 'digest', watched: 'never', tutoring: 'digest' },
    });
    const profile = await web.page('/profilo', bob.session);
    expect(profile.body).toMatch(/id="digest-weekly" name="digest" value="weekly" checked>/);
    expect(profile.body).toMatch(/id="emailOn-watched-never" name="emailOn-watched" value="never" checked>/);
    expect(profile.body).toContain('<legend');
  });

  it('come back with the error and what was chosen when a value is refused', async () => {
    const fields = {
      digest: 'daily',
      digestHour: '7',
      digestWeekday: '1',
      timezone: 'Mars/Olympus',
      'emailOn-mentions': 'never',
      'emailOn-replies': 'never',
      'emailOn-watched': 'never',
      'emailOn-tutoring': 'never',
    };
    const refused = await web.post('/profilo/email', fields, alice.session);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Fuso orario sconosciuto.');
    expect(refused.body).toMatch(/id="digest-daily" name="digest" value="daily" checked>/);
    expect((await web.post('/profilo/email', { digest: 'hourly' }, alice.session)).statusCode).toBe(400);
  });
});

describe('the moderation pages', () => {
  it('are for moderators and admins only', async () => {
    expect((await web.page('/moderazione', alice.session)).statusCode).toBe(403);
    expect((await web.page('/moderazione/registro', alice.session)).statusCode).toBe(403);
    const page = await web.page('/moderazione', moderator.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/moderazione" aria-current="page"');
  });

  it('list open flags; resolving one by hiding hides the post and writes the audit log', async () => {
    const { thread } = await newThread(ctx, alice.session, { tableId });
    const post = await newReply(ctx, alice.session, thread.id, 'Un messaggio <em>fuori luogo</em>');
    await web.post(`/messaggi/${post.id}/segnala`, { reason: 'Offensivo <script>' }, bob.session);
    const queue = await web.page('/moderazione', moderator.session);
    expect(queue.body).toContain('Offensivo &lt;script&gt;');
    const flagId = /action="\/moderazione\/segnalazioni\/(\d+)"/.exec(queue.body)?.[1];
    const resolved = await web.post(`/moderazione/segnalazioni/${flagId}`, { action: 'hide' }, moderator.session);
    expect(resolved.statusCode).toBe(303);
    const twice = await web.post(`/moderazione/segnalazioni/${flagId}`, { action: 'hide' }, moderator.session);
    expect(twice.statusCode).toBe(303);
    const posts = (await ctx.request({ method: 'GET', url: `/api/threads/${thread.id}`, as: bob.session })).json()
      .posts;
    expect(posts[1]).toMatchObject({ hidden: true, bodyHtml: '' });
    const log = await web.page('/moderazione/registro', moderator.session);
    expect(log.body).toMatch(/ha accolto una segnalazione in «<a href="\/messaggi\/\d+\/versioni">/);
    expect(log.body).toContain(`href="/messaggi/${post.id}/versioni"`);
  });
});
