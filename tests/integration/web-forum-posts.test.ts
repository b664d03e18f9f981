import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
type Person = { user: { id: number }; session: Session };
let author: Person;
let reader: Person;
let labId: number;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  web = browserOf(ctx);
  author = await signedIn(ctx, { displayName: 'Giulia Ferri' });
  reader = await signedIn(ctx, { displayName: 'Luca Greco' });
  labId = (await newTable(ctx, { name: 'Laboratorio di Bari', kind: 'lab', members: [author.user, reader.user] })).id;
});
afterAll(() => ctx.close());

describe('a post', () => {
  it('can be edited by its author, and keeps its history', async () => {
    const { thread, post } = await newThread(ctx, author.session, { tableId: labId, body: 'Prima versione' });
    const form = await web.page(`/messaggi/${post.id}/modifica`, author.session);
    expect(form.body).toContain('Prima versione</textarea>');
    expect((await web.page(`/messaggi/${post.id}/modifica`, reader.session)).body).toContain('Prima versione');
    const saved = await web.post(`/messaggi/${post.id}/modifica`, { body: 'Seconda versione' }, author.session);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/discussioni/${thread.id}#post-1`);
    const page = await web.page(`/discussioni/${thread.id}`, author.session);
    expect(page.body).toContain(`href="/messaggi/${post.id}/versioni"`);
    const history = await web.page(`/messaggi/${post.id}/versioni`, reader.session);
    expect(history.body).toContain('Seconda versione');
    expect(history.body).toContain('Prima versione');
    // What the edit changed, word by word: "Prima" went, "Seconda" came.
    expect(history.body).toContain('Cosa è cambiato con la modifica successiva');
    expect(history.body).toMatch(/<del>Prima<\/del>\s*<ins>Seconda<\/ins><span> versione<\/span>/);
    const hostile = await web.post(
      `/messaggi/${post.id}/modifica`,
      { body: 'Seconda <img src=x onerror=alert(1)> versione' },
      author.session,
    );
    expect(hostile.statusCode).toBe(303);
    const shown = await web.page(`/messaggi/${post.id}/versioni`, reader.session);
    expect(shown.body).toContain('<ins>&lt;img src=x onerror=alert(1)&gt; </ins>');
    expect(shown.body).not.toContain('<img src=x');
    const refused = await web.post(`/messaggi/${post.id}/modifica`, { body: 'Non mia' }, reader.session);
    expect(refused.statusCode).toBe(403);
  });

  it('can be liked by others with a form that says whether it is pressed', async () => {
    const { thread, post } = await newThread(ctx, author.session, { tableId: labId });
    const next = `/discussioni/${thread.id}#post-1`;
    const liked = await web.post(`/messaggi/${post.id}/mi-piace`, { liked: '1', next }, reader.session);
    expect(liked.statusCode).toBe(303);
    expect(liked.headers.location).toBe(next);
    const page = await web.page(`/discussioni/${thread.id}`, reader.session);
    expect(page.body).toMatch(/aria-pressed="true">[\s\S]*?<span data-like-count>1<\/span>/);
    expect((await web.post(`/messaggi/${post.id}/mi-piace`, { liked: '1' }, author.session)).statusCode).toBe(403);
  });

  it('can be flagged once with a reason', async () => {
    const { post } = await newThread(ctx, author.session, { tableId: labId });
    const empty = await web.post(`/messaggi/${post.id}/segnala`, { reason: '' }, reader.session);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="flag-error"');
    const flagged = await web.post(`/messaggi/${post.id}/segnala`, { reason: 'Fuori tema' }, reader.session);
    expect(flagged.statusCode).toBe(303);
    const again = await web.post(`/messaggi/${post.id}/segnala`, { reason: 'Ancora' }, reader.session);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Hai già segnalato questo messaggio');
  });

  it('can be deleted by its author after a confirmation page, leaving a tombstone', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId: labId });
    const reply = await newReply(ctx, author.session, thread.id, 'Da eliminare');
    const confirm = await web.page(`/messaggi/${reply.id}/elimina`, author.session);
    expect(confirm.body).toContain('Da eliminare');
    expect((await web.post(`/messaggi/${reply.id}/elimina`, {}, reader.session)).statusCode).toBe(403);
    const deleted = await web.post(`/messaggi/${reply.id}/elimina`, {}, author.session);
    expect(deleted.headers.location).toBe(`/discussioni/${thread.id}#post-2`);
    const page = await web.page(`/discussioni/${thread.id}`, reader.session);
    expect(page.body).toContain('Messaggio eliminato.');
    expect(page.body).not.toContain('Da eliminare');
  });
});
