import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf, withFlash } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
let moderator: Awaited<ReturnType<typeof signedIn>>;
let member: Awaited<ReturnType<typeof signedIn>>;
let tableId: number;

const replyAs = (as: Session, threadId: number, body: string) =>
  ctx.request({ method: 'POST', url: `/api/threads/${threadId}/posts`, as, payload: { body } });
const setSlowMode = (as: Session, threadId: number, slowModeMinutes: number | null | string) =>
  ctx.request({ method: 'PATCH', url: `/api/threads/${threadId}`, as, payload: { slowModeMinutes } });

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  web = browserOf(ctx);
  moderator = await signedIn(ctx, { role: 'moderator' });
  member = await signedIn(ctx);
  tableId = (await newTable(ctx, { kind: 'regional', members: [moderator.user, member.user] })).id;
});
afterAll(() => ctx.close());

describe('slow mode', () => {
  it('lets each person post once every N minutes, the moderators excepted, set only by moderators', async () => {
    const { thread } = await newThread(ctx, moderator.session, { tableId, title: 'Un tema che scalda gli animi' });
    expect((await setSlowMode(member.session, thread.id, 5)).statusCode).toBe(403);
    expect((await setSlowMode(moderator.session, thread.id, 2000)).statusCode).toBe(400);
    expect((await setSlowMode(moderator.session, thread.id, 'sempre')).statusCode).toBe(400);
    const set = await setSlowMode(moderator.session, thread.id, 5);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().thread.slowModeMinutes).toBe(5);

    expect((await replyAs(member.session, thread.id, 'La mia opinione')).statusCode).toBe(201);
    const again = await replyAs(member.session, thread.id, 'E un’altra cosa');
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('slow_mode');
    const wait = Number(again.headers['retry-after']);
    expect(wait).toBeGreaterThan(240);
    expect(wait).toBeLessThanOrEqual(300);
    // Moderators keep the conversation going.
    expect((await replyAs(moderator.session, thread.id, 'Un attimo, per favore')).statusCode).toBe(201);
    expect((await replyAs(moderator.session, thread.id, 'Grazie a tutti')).statusCode).toBe(201);

    // Five minutes later (the post moved back in time) the member may write again.
    await ctx.db
      .updateTable('posts')
      .set({ created_at: new Date(Date.now() - 6 * 60_000) })
      .where('thread_id', '=', thread.id)
      .where('author_id', '=', member.user.id)
      .execute();
    expect((await replyAs(member.session, thread.id, 'Eccomi di nuovo')).statusCode).toBe(201);

    expect((await setSlowMode(moderator.session, thread.id, null)).json().thread.slowModeMinutes).toBeNull();
    expect((await replyAs(member.session, thread.id, 'Libero di nuovo')).statusCode).toBe(201);
  });

  it('is set from the moderators’ panel, told above the composer, and explained when a reply comes too soon', async () => {
    const { thread } = await newThread(ctx, moderator.session, { tableId, title: 'Assemblea dei sindaci' });
    const saved = await web.post(
      `/discussioni/${thread.id}/moderazione`,
      { action: 'slow', slowModeMinutes: '15', next: `/discussioni/${thread.id}` },
      moderator.session,
    );
    expect(saved.statusCode).toBe(303);
    const panel = await web.page(`/discussioni/${thread.id}`, withFlash(saved, moderator.session));
    expect(panel.body).toContain('Modalità lenta aggiornata.');
    expect(panel.body).toMatch(/<option value="15" selected>un messaggio ogni 15 minuti<\/option>/);

    const page = await web.page(`/discussioni/${thread.id}`, member.session);
    expect(page.body).toContain('Modalità lenta: ogni persona può scrivere un messaggio ogni 15 minuti.');
    expect((await web.post(`/discussioni/${thread.id}/risposte`, { body: 'Primo' }, member.session)).statusCode).toBe(
      303,
    );
    const tooSoon = await web.post(`/discussioni/${thread.id}/risposte`, { body: 'Secondo, subito' }, member.session);
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.body).toContain('potrai scrivere di nuovo tra 15 minuti');
    expect(tooSoon.body).toContain('>Secondo, subito</textarea>');
    const bad = await web.post(
      `/discussioni/${thread.id}/moderazione`,
      { action: 'slow', slowModeMinutes: '7', next: `/discussioni/${thread.id}` },
      moderator.session,
    );
    expect(bad.statusCode).toBe(400);
  });
});
