import { tableRepo } from '@hubspoke/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf, withFlash } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
type Person = { user: { id: number }; session: Session };
let member: Person;
let moderator: Person;
let outsider: Person;
let tableId: number;
let otherTableId: number;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  web = browserOf(ctx);
  member = await signedIn(ctx);
  moderator = await signedIn(ctx, { role: 'moderator' });
  outsider = await signedIn(ctx);
  tableId = (await newTable(ctx, { name: 'Lab moderato', members: [member.user, moderator.user] })).id;
  otherTableId = (await newTable(ctx, { name: 'Tavolo di arrivo', kind: 'regional', members: [moderator.user] })).id;
});
afterAll(() => ctx.close());

const thread = async (as: Session) => (await newThread(ctx, as, { tableId })).thread;
const threadState = async (id: number) =>
  (await ctx.request({ method: 'GET', url: `/api/threads/${id}`, as: moderator.session })).json();

describe('moderating a thread with the page’s forms', () => {
  it('shows the tools to the table’s moderators only', async () => {
    const { id } = await thread(member.session);
    expect((await web.page(`/discussioni/${id}`, moderator.session)).body).toContain('Strumenti di moderazione');
    expect((await web.page(`/discussioni/${id}`, member.session)).body).not.toContain('Strumenti di moderazione');
  });

  it('pins and locks; a locked thread shows a notice instead of the composer to members', async () => {
    const { id } = await thread(member.session);
    const pinned = await web.post(`/discussioni/${id}/moderazione`, { action: 'pin' }, moderator.session);
    expect(pinned.statusCode).toBe(303);
    expect(pinned.headers.location).toBe(`/discussioni/${id}`);
    const shown = await web.page(`/discussioni/${id}`, withFlash(pinned, moderator.session));
    expect(shown.body).toContain('Discussione messa in evidenza.');
    await web.post(`/discussioni/${id}/moderazione`, { action: 'lock' }, moderator.session);
    expect((await threadState(id)).thread).toMatchObject({ pinned: true, locked: true });

    const locked = await web.page(`/discussioni/${id}`, member.session);
    expect(locked.body).toContain('Questa discussione è chiusa');
    expect(locked.body).not.toContain('id="reply-body"');
    expect((await web.page(`/discussioni/${id}`, moderator.session)).body).toContain('id="reply-body"');
    const refused = await web.post(`/discussioni/${id}/risposte`, { body: 'Provo lo stesso' }, member.session);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Non hai i permessi');
    expect(refused.body).toContain('Provo lo stesso</textarea>');
  });

  it('moves a thread to another table and focus area', async () => {
    const { id } = await thread(member.session);
    const moved = await web.post(
      `/discussioni/${id}/moderazione`,
      { action: 'move', tableId: String(otherTableId), focusArea: 'innovazione' },
      moderator.session,
    );
    expect(moved.statusCode).toBe(303);
    expect((await threadState(id)).thread).toMatchObject({ tableId: otherTableId, focusArea: 'innovazione' });
    const unknown = await web.post(
      `/discussioni/${id}/moderazione`,
      { action: 'move', tableId: String(tableId), focusArea: 'sport' },
      moderator.session,
    );
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses the tools to members (403) and to outsiders of a private lab (404)', async () => {
    const { id } = await thread(member.session);
    const post = await newReply(ctx, member.session, id);
    expect((await web.post(`/discussioni/${id}/moderazione`, { action: 'pin' }, member.session)).statusCode).toBe(403);
    expect((await web.post(`/discussioni/${id}/moderazione`, { action: 'pin' }, outsider.session)).statusCode).toBe(
      404,
    );
    expect((await web.post(`/messaggi/${post.id}/nascondi`, { hidden: '1' }, member.session)).statusCode).toBe(403);
    expect((await web.post(`/messaggi/${post.id}/nascondi`, { hidden: '1' }, outsider.session)).statusCode).toBe(404);
    expect(
      (await web.post(`/discussioni/${id}/moderazione`, { action: 'toString' }, moderator.session)).statusCode,
    ).toBe(400);
  });

  it('hides a post: a tombstone for readers, the content marked hidden for its author; and unhides it', async () => {
    const { id } = await thread(member.session);
    const post = await newReply(ctx, member.session, id, 'Messaggio da nascondere');
    const hidden = await web.post(
      `/messaggi/${post.id}/nascondi`,
      { hidden: '1', next: `/discussioni/${id}#post-2` },
      moderator.session,
    );
    expect(hidden.headers.location).toBe(`/discussioni/${id}#post-2`);
    const reader = await signedIn(ctx);
    await tableRepo.addMembers(ctx.db, [tableId], reader.user.id);
    const asReader = await web.page(`/discussioni/${id}`, reader.session);
    expect(asReader.body).toContain('Messaggio nascosto dai moderatori.');
    expect(asReader.body).not.toContain('Messaggio da nascondere');
    const asAuthor = await web.page(`/discussioni/${id}`, member.session);
    expect(asAuthor.body).toContain('Messaggio da nascondere');
    expect(asAuthor.body).toContain('Nascosto dai moderatori: lo vedono solo');
    await web.post(`/messaggi/${post.id}/nascondi`, { hidden: '0' }, moderator.session);
    expect((await threadState(id)).posts[1]).toMatchObject({ hidden: false });
  });

  it('lets the author rename the thread, re-rendering a bad title with what was typed', async () => {
    const { id } = await thread(member.session);
    expect((await web.page(`/discussioni/${id}/titolo`, outsider.session)).statusCode).toBe(404);
    const short = await web.post(`/discussioni/${id}/titolo`, { title: 'No' }, member.session);
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('value="No"');
    const renamed = await web.post(`/discussioni/${id}/titolo`, { title: 'Un titolo migliore' }, member.session);
    expect(renamed.statusCode).toBe(303);
    expect((await threadState(id)).thread.title).toBe('Un titolo migliore');
  });
});

describe('starting a thread', () => {
  it('offers the tables I can write in, and announcements only to moderators', async () => {
    const open = await newTable(ctx, { name: 'Tavolo aperto a tutti', kind: 'regional' });
    const form = await web.page(`/discussioni/nuova?tavolo=${tableId}`, member.session);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${tableId}" selected>Lab moderato</option>`);
    expect(form.body).not.toContain(`value="${open.id}"`);
    expect(form.body).not.toContain('value="announcement"');
    expect((await web.page('/discussioni/nuova', moderator.session)).body).toContain('value="announcement"');
  });

  it('creates the thread and goes to it; a short title comes back with everything typed', async () => {
    const fields = { tableId: String(tableId), focusArea: 'cultura', dimension: 'strategia', kind: 'question' };
    const short = await web.post(
      '/discussioni/nuova',
      { ...fields, title: 'Bo', body: 'Il corpo resta' },
      member.session,
    );
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Il titolo deve avere tra 5 e 200 caratteri.');
    expect(short.body).toContain('value="Bo"');
    expect(short.body).toContain('Il corpo resta</textarea>');
    expect(short.body).toMatch(/<option value="strategia" selected>/);
    const created = await web.post(
      '/discussioni/nuova',
      { ...fields, title: 'Come scrivere il piano strategico', body: 'Da dove cominciare?' },
      member.session,
    );
    expect(created.statusCode).toBe(303);
    const id = Number(String(created.headers.location).split('/').pop());
    expect((await threadState(id)).thread).toMatchObject({ kind: 'question', dimension: 'strategia', tableId });
    const refused = await web.post(
      '/discussioni/nuova',
      { ...fields, kind: 'announcement', title: 'Annuncio non mio', body: 'x' },
      member.session,
    );
    expect(refused.statusCode).toBe(403);
  });
});
