import { eventRepo, notificationRepo, tableRepo } from '@hubspoke/db';
import { fanOutEvent } from '@hubspoke/domain';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { LiveClient, listen } from '../support/live.js';

let ctx: TestContext;
let worker: RunningWorker;
let url: string;
type Person = { user: { id: number; handle: string }; session: Session };
let alice: Person;
let bob: Person;
let carol: Person;
let dave: Person;
let tableId: number;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '100000' });
  url = await listen(ctx.app);
  worker = await startWorker(ctx.config, { log: () => {} });
  [alice, bob, carol, dave] = await Promise.all([signedIn(ctx), signedIn(ctx), signedIn(ctx), signedIn(ctx)]);
  tableId = (await newTable(ctx, { kind: 'lab', members: [alice.user, bob.user, carol.user, dave.user] })).id;
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
});

const inbox = async (who: Person) =>
  (await ctx.request({ method: 'GET', url: '/api/notifications', as: who.session })).json();

describe('worker health', () => {
  it('/readyz counts the workers that sent a heartbeat', async () => {
    const ready = (await ctx.request({ method: 'GET', url: '/readyz' })).json();
    expect(ready.workers).toBe(1);
  });
});

describe('notifications', () => {
  it('arrive live: a reply in a watched thread, a mention, not for muted threads nor for one’s own posts', async () => {
    const { thread } = await newThread(ctx, alice.session, { tableId });
    await ctx.request({
      method: 'PUT',
      url: `/api/threads/${thread.id}/subscription`,
      as: dave.session,
      payload: { level: 'muted' },
    });
    const live = await LiveClient.connect(url, { session: alice.session, origin: ctx.config.publicOrigin });
    await live.subscribe(['user:me']);

    const post = await newReply(ctx, bob.session, thread.id, `Ciao @${carol.user.handle} e @${dave.user.handle}`);
    const pushed = await live.waitFor((m) => m.name === 'notification.created');
    expect(pushed).toMatchObject({
      room: `user:${alice.user.id}`,
      data: { kind: 'watched_reply', postId: post.id, threadId: thread.id, actor: { id: bob.user.id }, read: false },
    });

    await expect.poll(async () => (await inbox(carol)).items.map((n: { kind: string }) => n.kind)).toEqual(['mention']);
    const alices = await inbox(alice);
    expect(alices.unread).toBe(1);
    expect((await inbox(dave)).items).toEqual([]);
    expect((await inbox(bob)).items).toEqual([]);
    live.close();
  });

  it('quoting a post notifies the quoted author, not the people the quoted post mentioned', async () => {
    const [quoter, author, mentioned] = await Promise.all([signedIn(ctx), signedIn(ctx), signedIn(ctx)]);
    const lab = await newTable(ctx, { kind: 'lab', members: [quoter.user, author.user, mentioned.user] });
    const { thread } = await newThread(ctx, quoter.session, { tableId: lab.id });
    const original = await newReply(ctx, author.session, thread.id, `Ne parlo con @${mentioned.user.handle}.`);
    const mentions = async (who: Person) =>
      (await inbox(who)).items.filter((n: { kind: string }) => n.kind === 'mention') as Array<{ postId: number }>;
    await expect.poll(async () => (await mentions(mentioned)).length).toBe(1);

    const quote = await ctx.request({ method: 'GET', url: `/api/posts/${original.id}/quote`, as: quoter.session });
    expect(quote.json().markdown).toContain(`> Ne parlo con @${mentioned.user.handle}.`);
    const reply = await newReply(ctx, quoter.session, thread.id, `${quote.json().markdown}Sono d’accordo.`);

    // The quoted author's mention comes from the same post, so once it is there the fan-out is done.
    await expect.poll(async () => (await mentions(author)).map((n) => n.postId)).toEqual([reply.id]);
    expect((await mentions(mentioned)).map((n) => n.postId)).toEqual([original.id]);
  });

  it('new threads notify the watchers of their table and focus area; mark read one or all', async () => {
    await ctx.request({
      method: 'PUT',
      url: `/api/tables/${tableId}/subscription`,
      as: carol.session,
      payload: { level: 'watching' },
    });
    await ctx.request({
      method: 'PUT',
      url: '/api/focus-areas/innovazione/subscription',
      as: dave.session,
      payload: { level: 'watching' },
    });
    const before = (await inbox(carol)).unread;
    const { thread } = await newThread(ctx, bob.session, { tableId, focusArea: 'innovazione' });
    await expect
      .poll(async () => (await inbox(dave)).items.map((n: { kind: string; threadId: number }) => [n.kind, n.threadId]))
      .toEqual([['new_thread', thread.id]]);
    await expect.poll(async () => (await inbox(carol)).unread).toBe(before + 1);

    const carols = await inbox(carol);
    const one = await ctx.request({
      method: 'POST',
      url: '/api/notifications/read',
      as: carol.session,
      payload: { ids: [carols.items[0].id] },
    });
    expect(one.json().unread).toBe(carols.unread - 1);
    const foreign = await ctx.request({
      method: 'POST',
      url: '/api/notifications/read',
      as: bob.session,
      payload: { ids: carols.items.map((n: { id: number }) => n.id) },
    });
    expect(foreign.statusCode).toBe(200);
    expect((await inbox(carol)).unread).toBe(carols.unread - 1);
    expect(
      (
        await ctx.request({ method: 'POST', url: '/api/notifications/read', as: carol.session, payload: { all: true } })
      ).json().unread,
    ).toBe(0);
    expect(
      (await ctx.request({ method: 'POST', url: '/api/notifications/read', as: carol.session, payload: {} }))
        .statusCode,
    ).toBe(400);
  });

  it('none about a thread the person can no longer read', async () => {
    const eve = await signedIn(ctx);
    const frank = await signedIn(ctx);
    const lab = await newTable(ctx, { kind: 'lab', members: [alice.user, eve.user, frank.user] });
    const { thread } = await newThread(ctx, eve.session, { tableId: lab.id });
    await tableRepo.removeMember(ctx.db, lab.id, eve.user.id);
    const post = await newReply(ctx, alice.session, thread.id, `@${eve.user.handle} @${frank.user.handle} ci siete?`);
    // One fan-out writes every notification of the reply at once: once Frank has his, Eve would have hers.
    await expect
      .poll(async () => (await inbox(frank)).items.map((n: { postId: number }) => n.postId))
      .toContain(post.id);
    expect((await inbox(eve)).items).toEqual([]);
  });

  it('a fan-out that runs twice creates nothing new', async () => {
    const { thread } = await newThread(ctx, alice.session, { tableId });
    const post = await newReply(ctx, bob.session, thread.id);
    await expect
      .poll(async () => (await inbox(alice)).items.some((n: { postId: number }) => n.postId === post.id))
      .toBe(true);
    const events = await eventRepo.listAfter(ctx.db, 0, 10_000);
    const source = events.find((e) => e.name === 'post.created' && e.data.id === post.id);
    expect(source).toBeDefined();
    expect(await fanOutEvent({ db: ctx.db }, source as NonNullable<typeof source>)).toEqual({
      eventIds: [],
      notifications: [],
    });
    expect(await notificationRepo.unreadCount(ctx.db, alice.user.id)).toBe((await inbox(alice)).unread);
  });
});
