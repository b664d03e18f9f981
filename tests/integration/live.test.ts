import { buildApp } from '@hubspoke/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { LiveClient, listen } from '../support/live.js';

let ctx: TestContext;
let url: string;
type Person = { user: { id: number }; session: Session };
let alice: Person;
let bob: Person;
let outsider: Person;
let tableId: number;
let labId: number;

beforeAll(async () => {
  ctx = await createTestContext(
    { POST_MAX_PER_WINDOW: '100000' },
    { realtime: { heartbeatMs: 150, maxBufferedBytes: 64 * 1024 } },
  );
  url = await listen(ctx.app);
  alice = await signedIn(ctx);
  bob = await signedIn(ctx);
  outsider = await signedIn(ctx);
  tableId = (await newTable(ctx, { kind: 'regional', members: [alice.user, bob.user] })).id;
  labId = (await newTable(ctx, { kind: 'lab', members: [alice.user, bob.user] })).id;
});
afterAll(() => ctx.close());

const connect = (who: Person, options: { autoPong?: boolean } = {}) =>
  LiveClient.connect(url, { session: who.session, origin: ctx.config.publicOrigin, ...options });

describe('live updates', () => {
  it('a reply made over HTTP reaches the subscribers of its thread and table, and no one else', async () => {
    const { thread } = await newThread(ctx, alice.session, { tableId });
    const other = await newThread(ctx, alice.session, { tableId });
    const inThread = await connect(alice);
    const inTable = await connect(bob);
    const elsewhere = await connect(bob);
    expect((await inThread.subscribe([`thread:${thread.id}`]))[0]).toEqual({
      type: 'subscribed',
      rooms: [`thread:${thread.id}`],
    });
    await inTable.subscribe([`table:${tableId}`]);
    await elsewhere.subscribe([`thread:${other.thread.id}`]);

    const post = await newReply(ctx, bob.session, thread.id, 'In diretta!');
    const seen = await inThread.waitFor((m) => m.name === 'post.created');
    expect(seen).toMatchObject({
      type: 'event',
      room: `thread:${thread.id}`,
      data: { id: post.id, number: 2, bodyHtml: '<p>In diretta!</p>' },
    });
    expect(typeof seen.id).toBe('number');
    await inTable.waitFor((m) => m.name === 'post.created' && m.data.id === post.id);
    // Events arrive in id order: once a later one reached `elsewhere`, the first would have too.
    const later = await newReply(ctx, bob.session, other.thread.id, 'Altrove');
    await elsewhere.waitFor((m) => m.name === 'post.created' && m.data.id === later.id);
    expect(elsewhere.events().map((m) => m.data.id)).toEqual([later.id]);
    for (const c of [inThread, inTable, elsewhere]) c.close();
  });

  it('a thread moved into a lab tells the table it left only that it left, live and on replay', async () => {
    const moderator = await signedIn(ctx, { role: 'moderator' });
    const from = await newTable(ctx, { kind: 'regional', members: [alice.user, moderator.user] });
    const lab = await newTable(ctx, { kind: 'lab', members: [alice.user, moderator.user] });
    const { thread } = await newThread(ctx, alice.session, { tableId: from.id, title: 'Tema ancora pubblico' });
    const since = Number(
      (
        await ctx.db
          .selectFrom('events')
          .select((eb) => eb.fn.max('id').as('max'))
          .executeTakeFirst()
      )?.max ?? 0,
    );
    const watcher = await connect(outsider);
    await watcher.subscribe([`table:${from.id}`, 'focus:cultura']);
    const move = await ctx.request({
      method: 'PATCH',
      url: `/api/threads/${thread.id}`,
      as: moderator.session,
      payload: { tableId: lab.id, title: 'Trattativa riservata col partner' },
    });
    expect(move.statusCode).toBe(200);
    // The full update is written before the notice that it left, so it would have arrived first.
    const left = await watcher.waitFor((m) => m.name === 'thread.left');
    expect(left.data).toEqual({ id: thread.id, tableId: from.id });
    expect(JSON.stringify(watcher.messages)).not.toContain('Trattativa riservata');
    watcher.close();

    const resumed = await connect(outsider);
    await resumed.subscribe([`table:${from.id}`, 'focus:cultura'], since);
    await resumed.waitFor((m) => m.name === 'thread.left' && m.data.id === thread.id);
    expect(JSON.stringify(resumed.messages)).not.toContain('Trattativa riservata');
    resumed.close();
  });

  it('a focus area’s room carries the threads of open tables only, live and on replay', async () => {
    const watcher = await connect(outsider);
    const since = await ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    await watcher.subscribe(['focus:cultura']);
    const secret = await newThread(ctx, alice.session, { tableId: labId, title: 'Bilancio riservato del laboratorio' });
    const open = await newThread(ctx, alice.session, { tableId, title: 'Festival aperto a tutti' });
    // The lab's thread was written first: had it reached the room, it would have arrived before.
    await watcher.waitFor((m) => m.name === 'thread.created' && m.data.thread.id === open.thread.id);
    expect(watcher.events().map((m) => m.data.thread.id)).toEqual([open.thread.id]);
    watcher.close();

    const resumed = await connect(outsider);
    await resumed.subscribe(['focus:cultura'], Number(since?.max ?? 0));
    await resumed.waitFor((m) => m.name === 'thread.created' && m.data.thread.id === open.thread.id);
    expect(JSON.stringify(resumed.messages)).not.toContain(secret.thread.title);
    resumed.close();
  });

  it('takes rooms away as soon as access narrows: removed from a lab, or an admin made participant', async () => {
    const admin = await signedIn(ctx, { role: 'admin' });
    const carol = await signedIn(ctx);
    const lab = await newTable(ctx, { kind: 'lab', members: [alice.user, carol.user] });
    const { thread } = await newThread(ctx, alice.session, { tableId: lab.id });
    const open = await newThread(ctx, alice.session, { tableId });
    const removed = await connect(carol);
    await removed.subscribe([`thread:${thread.id}`, `table:${lab.id}`, `thread:${open.thread.id}`]);
    const demoted = await signedIn(ctx, { role: 'admin' });
    const former = await connect(demoted);
    await former.subscribe([`table:${lab.id}`, 'user:me', `thread:${open.thread.id}`]);

    const out = await ctx.request({
      method: 'DELETE',
      url: `/api/tables/${lab.id}/members/${carol.user.id}`,
      as: admin.session,
    });
    expect(out.statusCode).toBe(204);
    const role = await ctx.request({
      method: 'PUT',
      url: `/api/users/${demoted.user.id}/role`,
      payload: { role: 'participant' },
      as: admin.session,
    });
    expect(role.statusCode).toBe(200);
    await removed.waitFor((m) => m.code === 'forbidden_room' && m.room === `table:${lab.id}`);
    await former.waitFor((m) => m.code === 'forbidden_room' && m.room === `table:${lab.id}`);

    await newReply(ctx, alice.session, thread.id, 'Solo per il laboratorio');
    await newReply(ctx, alice.session, open.thread.id, 'Per tutti');
    // The lab's reply came first: had it reached either of them, it would have arrived before this one.
    await removed.waitFor((m) => m.name === 'post.created' && m.room === `thread:${open.thread.id}`);
    await former.waitFor((m) => m.name === 'post.created' && m.room === `thread:${open.thread.id}`);
    expect(
      removed.messages
        .filter((m) => m.code === 'forbidden_room')
        .map((m) => m.room)
        .sort(),
    ).toEqual([`table:${lab.id}`, `thread:${thread.id}`].sort());
    expect(removed.events('post.created').map((m) => m.room)).toEqual([`thread:${open.thread.id}`]);
    expect(former.events('post.created').map((m) => m.room)).toEqual([`thread:${open.thread.id}`]);
    // The person's own room stays, and a new subscription is judged by the new role.
    expect((await former.subscribe([`table:${lab.id}`]))[0]).toEqual({
      type: 'error',
      code: 'forbidden_room',
      room: `table:${lab.id}`,
    });
    for (const c of [removed, former]) c.close();
  });

  it('a thread moved to a lab leaves the rooms of those who cannot read the lab', async () => {
    const moderator = await signedIn(ctx, { role: 'moderator' });
    const open = await newTable(ctx, { kind: 'regional', members: [alice.user, moderator.user] });
    const lab = await newTable(ctx, { kind: 'lab', members: [alice.user, moderator.user] });
    const { thread } = await newThread(ctx, alice.session, { tableId: open.id, title: 'Da spostare' });
    const staying = await newThread(ctx, alice.session, { tableId: open.id, title: 'Resta qui' });
    const member = await connect(alice);
    const reader = await connect(outsider);
    for (const c of [member, reader]) await c.subscribe([`thread:${thread.id}`]);
    await reader.subscribe([`thread:${staying.thread.id}`]);

    const moved = await ctx.request({
      method: 'PATCH',
      url: `/api/threads/${thread.id}`,
      payload: { tableId: lab.id },
      as: moderator.session,
    });
    expect(moved.statusCode).toBe(200);
    await reader.waitFor((m) => m.code === 'forbidden_room' && m.room === `thread:${thread.id}`);
    await newReply(ctx, alice.session, thread.id, 'Ora nel laboratorio');
    await member.waitFor((m) => m.name === 'post.created');
    // A later reply the reader may see: had the lab's reply reached them, it would have come first.
    const later = await newReply(ctx, alice.session, staying.thread.id, 'Qui si resta');
    await reader.waitFor((m) => m.name === 'post.created' && m.data.id === later.id);
    expect(reader.events().map((m) => m.data.id)).toEqual([later.id]);
    expect(member.events().map((m) => m.name)).toEqual(['thread.updated', 'post.created']);
    for (const c of [member, reader]) c.close();
  });

  it('refuses rooms the person may not read, and unauthenticated or cross-site upgrades', async () => {
    const { thread } = await newThread(ctx, alice.session, { tableId: labId });
    const client = await connect(outsider);
    const replies = await client.subscribe([`thread:${thread.id}`, `table:${labId}`, 'table:abc', 'user:me']);
    expect(replies).toEqual(
      expect.arrayContaining([
        { type: 'error', code: 'forbidden_room', room: `thread:${thread.id}` },
        { type: 'error', code: 'forbidden_room', room: `table:${labId}` },
        { type: 'error', code: 'forbidden_room', room: 'table:abc' },
      ]),
    );
    await client.waitFor((m) => m.type === 'subscribed');
    expect(client.messages.find((m) => m.type === 'subscribed')?.rooms).toEqual([`user:${outsider.user.id}`]);
    const open = await newThread(ctx, alice.session, { tableId });
    await client.subscribe([`thread:${open.thread.id}`]);
    await newReply(ctx, alice.session, thread.id, 'segreto');
    // A later reply the client may see: had the secret one reached it, it would have come first.
    const later = await newReply(ctx, alice.session, open.thread.id, 'pubblico');
    await client.waitFor((m) => m.name === 'post.created' && m.data.id === later.id);
    expect(client.events().map((m) => m.data.id)).toEqual([later.id]);
    client.close();

    await expect(LiveClient.connect(url)).rejects.toThrow(/401/);
    await expect(LiveClient.connect(url, { session: alice.session, origin: 'https://evil.example' })).rejects.toThrow(
      /403/,
    );
    await expect(LiveClient.connect(url, { session: alice.session })).rejects.toThrow(/403/);
    const token = (
      await ctx.request({ method: 'POST', url: '/api/me/tokens', as: alice.session, payload: { name: 'ws' } })
    ).json().token;
    const scripted = await LiveClient.connect(url, { token });
    expect((await scripted.subscribe([`table:${labId}`]))[0]?.type).toBe('subscribed');
    scripted.close();
  });

  it('answers malformed frames with an error and keeps the connection open; limits rooms and frame size', async () => {
    const client = await connect(alice);
    for (const frame of [
      'not json',
      '{"type":"dance","rooms":["x"]}',
      '{"type":"subscribe","rooms":[]}',
      '{"type":"subscribe","rooms":["user:me"],"lastEventId":-1}',
    ]) {
      const before = client.messages.length;
      client.send(frame);
      expect(await client.waitFor(() => true, before)).toMatchObject({ type: 'error', code: 'bad_message' });
    }
    expect((await client.subscribe(['user:me']))[0]?.type).toBe('subscribed');
    const threads = await ctx.db
      .insertInto('threads')
      .values(
        Array.from({ length: 100 }, (_, i) => ({
          table_id: tableId,
          focus_area: 'cultura',
          kind: 'discussion' as const,
          title: `Stanza ${i}`,
          author_id: alice.user.id,
          created_at: new Date(),
        })),
      )
      .returning('id')
      .execute();
    const tooMany = await client.subscribe(threads.map((t) => `thread:${t.id}`));
    expect(tooMany).toEqual([expect.objectContaining({ type: 'error', code: 'too_many_rooms' })]);
    client.send({ type: 'subscribe', rooms: ['x'.repeat(20_000)] });
    // Oversized frames end the connection with 1009 (message too big) before any parsing.
    await expect.poll(() => client.closed?.code).toBe(1009);
  });

  it('closes connections that stop answering pings', async () => {
    const dead = await connect(alice, { autoPong: false });
    const alive = await connect(alice);
    await expect.poll(() => dead.closed !== undefined, { timeout: 3_000 }).toBe(true);
    expect(alive.closed).toBeUndefined();
    alive.close();
  });

  it('drops a client that stops reading without delaying the others', async () => {
    const { thread } = await newThread(ctx, alice.session, { tableId });
    const slow = await connect(bob);
    const fast = await connect(alice);
    await slow.subscribe([`thread:${thread.id}`]);
    await fast.subscribe([`thread:${thread.id}`]);
    // The slow client's process stops reading its socket: the kernel buffers fill, then ours.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const body = 'testo lungo '.repeat(4_000);
    const started = Date.now();
    for (let i = 0; i < 60; i++) await newReply(ctx, alice.session, thread.id, `${i} ${body}`);
    await expect.poll(() => fast.events('post.created').length, { timeout: 10_000 }).toBe(60);
    expect(Date.now() - started).toBeLessThan(15_000);
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    await expect.poll(() => slow.closed !== undefined, { timeout: 5_000 }).toBe(true);
    expect(slow.events('post.created').length).toBeLessThan(60);
    fast.close();
  });
});

describe('resume', () => {
  it('a client that reconnects with lastEventId receives every missed event once, in order', async () => {
    const { thread } = await newThread(ctx, alice.session, { tableId });
    const first = await connect(bob);
    await first.subscribe([`thread:${thread.id}`]);
    await newReply(ctx, alice.session, thread.id, 'prima');
    const last = await first.waitFor((m) => m.name === 'post.created');
    first.close();

    const missed = [];
    for (let i = 0; i < 5; i++) missed.push((await newReply(ctx, alice.session, thread.id, `mentre eri via ${i}`)).id);
    const again = await connect(bob);
    await again.subscribe([`thread:${thread.id}`], last.id);
    await expect.poll(() => again.events('post.created').length).toBe(5);
    const ids = again.events('post.created').map((m) => m.data.id);
    expect(ids).toEqual(missed);
    const eventIds = again.events().map((m) => m.id as number);
    expect([...eventIds].sort((a, b) => a - b)).toEqual(eventIds);

    const live = await newReply(ctx, alice.session, thread.id, 'di nuovo in diretta');
    await again.waitFor((m) => m.name === 'post.created' && m.data.id === live.id);
    expect(again.events('post.created').map((m) => m.data.id)).toEqual([...missed, live.id]);
    again.close();
  });
});

describe('several api processes', () => {
  it('a client on one instance receives a reply posted through another, and resumes across a restart', async () => {
    const second = await buildApp(ctx.config, {});
    await second.ready();
    const secondUrl = await listen(second);
    const { thread } = await newThread(ctx, alice.session, { tableId });
    const client = await LiveClient.connect(secondUrl, { session: bob.session, origin: ctx.config.publicOrigin });
    await client.subscribe([`thread:${thread.id}`]);
    const post = await newReply(ctx, alice.session, thread.id, 'da un altro processo');
    const seen = await client.waitFor((m) => m.name === 'post.created' && m.data.id === post.id);
    client.close();
    await second.close();

    const missed = (await newReply(ctx, alice.session, thread.id, 'durante il riavvio')).id;
    const restarted = await buildApp(ctx.config, {});
    await restarted.ready();
    const restartedUrl = await listen(restarted);
    const resumed = await LiveClient.connect(restartedUrl, { session: bob.session, origin: ctx.config.publicOrigin });
    await resumed.subscribe([`thread:${thread.id}`], seen.id);
    await expect.poll(() => resumed.events('post.created').map((m) => m.data.id)).toEqual([missed]);
    resumed.close();
    await restarted.close();
  });
});
