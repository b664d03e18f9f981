import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { signedIn } from '../support/factories.js';
import { LiveClient, listen } from '../support/live.js';
import { TestSmtp } from '../support/smtp.js';

let ctx: TestContext;
let smtp: TestSmtp;
let worker: RunningWorker;
let url: string;
type Person = Awaited<ReturnType<typeof signedIn>>;
let anna: Person;
let bruno: Person;
let carla: Person;
let outsider: Person;
let moderator: Person;

type Method = 'GET' | 'POST';
const api = (method: Method, path: string, as?: Session, payload?: object) =>
  ctx.request({ method, url: path, ...(as ? { as } : {}), ...(payload ? { payload } : {}) });
const start = (as: Session, payload: object) => api('POST', '/api/conversations', as, payload);
const connect = (who: Person) => LiveClient.connect(url, { session: who.session, origin: ctx.config.publicOrigin });

beforeAll(async () => {
  smtp = new TestSmtp();
  ctx = await createTestContext({
    SMTP_URL: await smtp.start(),
    NOTIFY_EMAIL_DELAY_SECONDS: '0',
    POST_MAX_PER_WINDOW: '1000',
  });
  url = await listen(ctx.app);
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
  anna = await signedIn(ctx, { displayName: 'Anna Russo', email: 'anna@comune-bari.example.it' });
  bruno = await signedIn(ctx, { displayName: 'Bruno Gallo', email: 'bruno@comune-lecce.example.it' });
  carla = await signedIn(ctx, { displayName: 'Carla Neri', email: 'carla@comune-napoli.example.it' });
  outsider = await signedIn(ctx, { displayName: 'Ettore Esterno' });
  moderator = await signedIn(ctx, {
    role: 'moderator',
    displayName: 'Marco Moderatore',
    email: 'mod@hubspoke.example.it',
  });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await smtp.stop();
});

describe('private conversations', () => {
  it('are read by their members only, with read state, notifications and a mail that never quotes them', async () => {
    const started = await start(anna.session, {
      userIds: [bruno.user.id, carla.user.id],
      title: 'Partenariato con Sfax',
      body: 'Ciao a entrambi, <script>alert(1)</script>**possiamo** sentirci?',
    });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().conversationId as number;
    // Markdown rendered, and the script shown as text, never run.
    expect(started.json().message.bodyHtml).toBe(
      '<p>Ciao a entrambi, &lt;script&gt;alert(1)&lt;/script&gt;<strong>possiamo</strong> sentirci?</p>',
    );

    const list = await api('GET', '/api/conversations', bruno.session);
    expect(list.json()).toMatchObject({ unreadConversations: 1 });
    expect(list.json().items[0]).toMatchObject({ id, title: 'Partenariato con Sfax', unreadCount: 1 });
    expect(list.json().items[0].people.map((p: { displayName: string }) => p.displayName)).toEqual([
      'Anna Russo',
      'Bruno Gallo',
      'Carla Neri',
    ]);
    const unreadBefore = (await api('GET', '/api/notifications', bruno.session)).json().items;
    expect(unreadBefore).toEqual([expect.objectContaining({ kind: 'conversation_message', read: false })]);
    const opened = await api('GET', `/api/conversations/${id}`, bruno.session);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().messages).toHaveLength(1);
    // Opening the conversation reads its notification too.
    expect((await api('GET', '/api/notifications', bruno.session)).json().items[0].read).toBe(true);
    expect((await api('GET', '/api/conversations', bruno.session)).json().unreadConversations).toBe(0);

    for (const stranger of [outsider, moderator]) {
      expect((await api('GET', `/api/conversations/${id}`, stranger.session)).statusCode).toBe(404);
      expect((await api('POST', `/api/conversations/${id}/messages`, stranger.session, { body: 'x' })).statusCode).toBe(
        404,
      );
    }
    const inbox = await api('GET', '/api/notifications', carla.session);
    expect(inbox.json().items).toEqual([
      expect.objectContaining({
        kind: 'conversation_message',
        conversationId: id,
        threadTitle: 'Partenariato con Sfax',
      }),
    ]);

    await expect.poll(() => smtp.to('carla@comune-napoli.example.it').length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.to('carla@comune-napoli.example.it')[0]?.parsed;
    expect(mail?.subject).toBe('Anna Russo ti ha scritto in privato: «Partenariato con Sfax»');
    expect(mail?.text).toContain(`http://forum.test/conversazioni/${id}`);
    expect(mail?.text).not.toContain('sentirci');
    expect(mail?.html).not.toContain('sentirci');
    // The writer is never told of her own message.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.to('anna@comune-bari.example.it')).toHaveLength(0);
  });

  it('reach the members live on the conversation’s room, and never anyone else', async () => {
    const id = (await start(anna.session, { userIds: [bruno.user.id], body: 'Prima riga' })).json().conversationId;
    const member = await connect(bruno);
    const stranger = await connect(outsider);
    expect((await member.subscribe([`conversation:${id}`]))[0]).toEqual({
      type: 'subscribed',
      rooms: [`conversation:${id}`],
    });
    expect((await stranger.subscribe([`conversation:${id}`]))[0]).toEqual({
      type: 'error',
      code: 'forbidden_room',
      room: `conversation:${id}`,
    });
    const sent = await api('POST', `/api/conversations/${id}/messages`, anna.session, { body: 'Ci sei?' });
    expect(sent.statusCode).toBe(201);
    const seen = await member.waitFor((m) => m.name === 'conversation.message');
    expect(seen).toMatchObject({
      room: `conversation:${id}`,
      data: { id: sent.json().message.id, bodyHtml: '<p>Ci sei?</p>' },
    });

    // Leaving drops the room at once, and the conversation is gone for the one who left.
    expect((await api('POST', `/api/conversations/${id}/leave`, bruno.session)).statusCode).toBe(204);
    await member.waitFor((m) => m.code === 'forbidden_room' && m.room === `conversation:${id}`);
    expect((await api('GET', `/api/conversations/${id}`, bruno.session)).statusCode).toBe(404);
    await api('POST', `/api/conversations/${id}/messages`, anna.session, { body: 'Non ti arriva' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(member.events('conversation.message')).toHaveLength(1);
    expect(
      (await api('GET', '/api/conversations', bruno.session)).json().items.map((c: { id: number }) => c.id),
    ).not.toContain(id);
    member.close();
    stranger.close();
  });

  it('call the moderators in with a flag: they join and are told why', async () => {
    const id = (await start(anna.session, { userIds: [bruno.user.id], body: 'Messaggio sgradevole' })).json()
      .conversationId;
    expect((await api('POST', `/api/conversations/${id}/flag`, bruno.session, { reason: ' ' })).statusCode).toBe(400);
    const flagged = await api('POST', `/api/conversations/${id}/flag`, bruno.session, { reason: 'Toni offensivi' });
    expect(flagged.statusCode, flagged.body).toBe(201);
    const seen = await api('GET', `/api/conversations/${id}`, moderator.session);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().conversation.members).toContainEqual(
      expect.objectContaining({ id: moderator.user.id, calledIn: true }),
    );
    const inbox = await api('GET', '/api/notifications', moderator.session);
    expect(inbox.json().items[0]).toMatchObject({
      kind: 'conversation_flag',
      conversationId: id,
      comment: 'Toni offensivi',
    });
    expect((await api('POST', `/api/conversations/${id}/flag`, outsider.session, { reason: 'x' })).statusCode).toBe(
      404,
    );
  });

  it('refuse unknown, deactivated or unwilling people, more than twenty, and oneself alone', async () => {
    const gone = await signedIn(ctx);
    await ctx.db.updateTable('users').set({ deactivated_at: new Date() }).where('id', '=', gone.user.id).execute();
    const shy = await signedIn(ctx);
    await ctx.db.updateTable('users').set({ accepts_messages: false }).where('id', '=', shy.user.id).execute();
    const code = async (payload: object, as = anna.session) => {
      const response = await start(as, payload);
      return [response.statusCode, response.json().error?.code];
    };
    expect(await code({ userIds: [999_999], body: 'x' })).toEqual([404, 'person_not_found']);
    expect(await code({ userIds: [gone.user.id], body: 'x' })).toEqual([400, 'recipient_unavailable']);
    expect(await code({ userIds: [shy.user.id], body: 'x' })).toEqual([400, 'recipient_not_accepting']);
    expect(await code({ userIds: [anna.user.id], body: 'x' })).toEqual([400, 'no_recipients']);
    expect(await code({ userIds: Array.from({ length: 20 }, (_, i) => 100_000 + i), body: 'x' })).toEqual([
      400,
      'too_many_people',
    ]);
    expect(await code({ userIds: [bruno.user.id], body: '   ' })).toEqual([400, 'empty_body']);
    expect(await code({ userIds: [bruno.user.id], body: 'x', extra: true })).toEqual([400, 'invalid_request']);
    // A moderator may still write to someone who turned private messages off.
    expect((await start(moderator.session, { userIds: [shy.user.id], body: 'Una comunicazione' })).statusCode).toBe(
      201,
    );
    expect((await start(undefined as unknown as Session, { userIds: [bruno.user.id], body: 'x' })).statusCode).toBe(
      401,
    );
  });

  it('count a question asked privately in the tutoring figures when the asker marks it so', async () => {
    const tutor = await signedIn(ctx, { role: 'tutor', displayName: 'Teresa Tutor' });
    const admin = await signedIn(ctx, { role: 'admin' });
    const day = new Date().toISOString().slice(0, 10);
    const metrics = async (as: Session) =>
      (await api('GET', `/api/tutoring/metrics?from=${day}&to=${day}`, as)).json().privateQuestions;
    const before = await metrics(admin.session);
    const asked = await start(anna.session, {
      userIds: [tutor.user.id],
      body: 'Come si calcola il cofinanziamento?',
      isQuestion: true,
    });
    await start(anna.session, { userIds: [tutor.user.id], body: 'Solo un saluto' });
    const id = asked.json().conversationId;
    expect(
      (await api('POST', `/api/conversations/${id}/messages`, tutor.session, { body: 'Al 15%.' })).statusCode,
    ).toBe(201);
    const after = await metrics(admin.session);
    expect(after.questions).toBe(before.questions + 1);
    expect(after.answered).toBe(before.answered + 1);
    expect(after.firstReplyHours.median).not.toBeNull();
    expect((await metrics(tutor.session)).questions).toBe(1);
  });
});
