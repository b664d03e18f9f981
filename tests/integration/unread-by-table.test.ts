import { type DB, documentRepo, type Tx, threadRepo, type Viewer } from '@hubspoke/db';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, newUser, signedIn } from '../support/factories.js';

/**
 * The home page's unread counts come from per-table activity buckets kept by triggers, minus the
 * viewer's own reading. Each case holds them against the definition they replace: a scan of every
 * visible thread.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
});
afterAll(() => ctx.close());

type Who = Viewer & { joinedAt: Date };

/** The definition: visible, active after joining, and no read mark or one below the last post. */
async function byScan(db: Kysely<DB>, viewer: Who): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .leftJoin('thread_reads', (join) =>
      join.onRef('thread_reads.thread_id', '=', 'threads.id').on('thread_reads.user_id', '=', viewer.id),
    )
    .select(['threads.table_id', (eb) => eb.fn.countAll<number>().as('unread')])
    .where(threadRepo.threadAndTableVisibleTo(viewer))
    .where('threads.last_activity_at', '>', viewer.joinedAt)
    .where((eb) =>
      eb.or([
        eb('thread_reads.last_read_post_number', 'is', null),
        eb('thread_reads.last_read_post_number', '<', eb.ref('threads.last_post_number')),
      ]),
    )
    .groupBy('threads.table_id')
    .execute();
  return new Map(rows.map((r) => [r.table_id, Number(r.unread)]));
}

async function expectAsScan(viewer: Who, label = '') {
  const counted = await threadRepo.unreadByTable(ctx.db, viewer);
  const scanned = await byScan(ctx.db, viewer);
  expect(Object.fromEntries(counted), `${label} viewer ${viewer.id} joined ${viewer.joinedAt.toISOString()}`).toEqual(
    Object.fromEntries(scanned),
  );
}

/** The bucket rows agree with a recount of the threads they describe. */
async function expectBucketsInStep() {
  const { rows } = await sql<{ table_id: number; bucket: number; kept: number; actual: number }>`
    select coalesce(c.table_id, t.table_id) as table_id, coalesce(c.bucket, t.bucket) as bucket,
           coalesce(c.threads, 0) as kept, coalesce(t.n, 0)::int as actual
      from thread_activity_counts c
      full join (select table_id, thread_activity_bucket(last_activity_at) as bucket, count(*) as n
                   from threads where draft_document_id is null group by 1, 2) t
        on t.table_id = c.table_id and t.bucket = c.bucket
     where coalesce(c.threads, 0) <> coalesce(t.n, 0)`.execute(ctx.db);
  expect(rows).toEqual([]);
}

const inTx = <T>(fn: (tx: Tx) => Promise<T>) => ctx.db.transaction().execute(fn);

async function insertThread(tableId: number, authorId: number, at: Date, lastPost = 1) {
  return inTx(async (tx) => {
    const thread = await threadRepo.insert(tx, {
      table_id: tableId,
      focus_area: 'cultura',
      dimension: null,
      kind: 'discussion',
      title: 'Discussione',
      author_id: authorId,
      created_at: at,
    });
    await tx.updateTable('threads').set({ last_post_number: lastPost }).where('id', '=', thread.id).execute();
    return thread;
  });
}

async function bindToNewDraft(threadId: number, tableId: number, authorId: number) {
  return inTx(async (tx) => {
    const document = await documentRepo.insert(tx, {
      table_id: tableId,
      thread_id: threadId,
      author_id: authorId,
      title: 'Bozza',
      description: '',
      kind: 'other',
      language: 'it',
      focus_area: 'cultura',
      dimension: null,
      tags: [],
      created_at: new Date(),
    });
    await threadRepo.bindToDraft(tx, threadId, document.id);
    return document.id;
  });
}

const markRead = (userId: number, threadId: number, upTo: number) =>
  ctx.db
    .insertInto('thread_reads')
    .values({ user_id: userId, thread_id: threadId, last_read_post_number: upTo, updated_at: new Date() })
    .onConflict((oc) => oc.columns(['user_id', 'thread_id']).doUpdateSet({ last_read_post_number: upTo }))
    .execute();

const setActivity = (threadId: number, at: Date) =>
  ctx.db.updateTable('threads').set({ last_activity_at: at }).where('id', '=', threadId).execute();

const DAY = 86_400_000;
const BUCKET = threadRepo.ACTIVITY_BUCKET_MS;

describe('unread threads per table', () => {
  it('through the api: marking read counts down, a reply after reading counts up again', async () => {
    const author = await signedIn(ctx);
    const reader = await signedIn(ctx);
    const table = await newTable(ctx, { kind: 'lab', members: [author.user, reader.user] });
    const unread = async (as: Session) =>
      (await ctx.request({ method: 'GET', url: '/api/tables', as }))
        .json()
        .items.find((t: { id: number }) => t.id === table.id).unreadThreads;
    const first = await newThread(ctx, author.session, { tableId: table.id });
    const second = await newThread(ctx, author.session, { tableId: table.id });
    expect(await unread(reader.session)).toBe(2);
    // The author's own posts are read by writing them.
    expect(await unread(author.session)).toBe(0);

    const read = (threadId: number, postNumber: number) =>
      ctx.request({ method: 'PUT', url: `/api/threads/${threadId}/read`, as: reader.session, payload: { postNumber } });
    await read(first.thread.id, 1);
    expect(await unread(reader.session)).toBe(1);
    await read(second.thread.id, 1);
    expect(await unread(reader.session)).toBe(0);

    await newReply(ctx, author.session, first.thread.id);
    expect(await unread(reader.session)).toBe(1);
    expect(await unread(author.session)).toBe(0);
    // Reading part of the way is still unread; the reader's own reply reads it to the end.
    await newReply(ctx, author.session, first.thread.id);
    await read(first.thread.id, 2);
    expect(await unread(reader.session)).toBe(1);
    await newReply(ctx, reader.session, first.thread.id);
    expect(await unread(reader.session)).toBe(0);
    expect(await unread(author.session)).toBe(1);
    await expectBucketsInStep();
  });

  it('a newcomer is not greeted by the archive, until an archived thread comes back to life', async () => {
    const author = await newUser(ctx);
    const table = await newTable(ctx, { kind: 'regional', members: [author] });
    const now = Date.now();
    const old = await insertThread(table.id, author.id, new Date(now - 400 * DAY));
    const recent = await insertThread(table.id, author.id, new Date(now - 2 * DAY));
    const newcomer = await newUser(ctx);
    const viewer = { id: newcomer.id, role: newcomer.role, joinedAt: new Date(now - 10 * DAY) };
    const veteran = { id: author.id, role: 'participant' as const, joinedAt: new Date(now - 1000 * DAY) };
    expect((await threadRepo.unreadByTable(ctx.db, viewer)).get(table.id)).toBe(1);
    expect((await threadRepo.unreadByTable(ctx.db, veteran)).get(table.id)).toBe(2);
    await expectAsScan(viewer);

    await ctx.db
      .updateTable('threads')
      .set({ last_activity_at: new Date(now - DAY), last_post_number: 2 })
      .where('id', '=', old.id)
      .execute();
    expect((await threadRepo.unreadByTable(ctx.db, viewer)).get(table.id)).toBe(2);
    await markRead(newcomer.id, old.id, 2);
    await markRead(newcomer.id, recent.id, 1);
    expect((await threadRepo.unreadByTable(ctx.db, viewer)).get(table.id)).toBeUndefined();
    await expectAsScan(viewer);
    await expectAsScan(veteran);
    await expectBucketsInStep();
  });

  it('counts exactly around the edges of the bucket one joined in', async () => {
    const author = await newUser(ctx);
    const table = await newTable(ctx, { kind: 'regional' });
    // A bucket well in the past, and threads on either side of a joining moment inside it.
    const start = (Math.floor(Date.now() / BUCKET) - 5) * BUCKET;
    const joined = new Date(start + BUCKET / 2);
    const moments = [
      start - 1,
      start,
      start + 1,
      joined.getTime() - 1,
      joined.getTime(),
      joined.getTime() + 1,
      start + BUCKET - 1,
      start + BUCKET,
      start + BUCKET + 1,
      start + 3 * BUCKET,
    ];
    for (const at of moments) await insertThread(table.id, author.id, new Date(at));
    const viewer = { id: author.id, role: 'participant' as const, joinedAt: joined };
    // After `joined`: +1, the bucket's last millisecond, the next bucket's first and second, three later.
    expect((await threadRepo.unreadByTable(ctx.db, viewer)).get(table.id)).toBe(5);
    for (const at of [start, start - 1, start + BUCKET - 1, start + BUCKET, start + 2 * BUCKET]) {
      await expectAsScan({ ...viewer, joinedAt: new Date(at) }, 'edge');
    }
    await expectBucketsInStep();
  });

  it('a thread moved between tables, deleted, or bound to a draft leaves the counts of those who no longer see it', async () => {
    const author = await newUser(ctx);
    const member = await newUser(ctx);
    const outsider = await newUser(ctx);
    const tutor = await newUser(ctx, { role: 'tutor' });
    const admin = await newUser(ctx, { role: 'admin' });
    const open = await newTable(ctx, { kind: 'regional', members: [author, tutor] });
    const lab = await newTable(ctx, { kind: 'lab', members: [author, member, tutor] });
    const since = new Date(Date.now() - 30 * DAY);
    const viewers = [author, member, outsider, tutor, admin].map((u) => ({ id: u.id, role: u.role, joinedAt: since }));
    const all = async (label: string) => {
      for (const v of viewers) await expectAsScan(v, label);
      await expectBucketsInStep();
    };
    const a = await insertThread(lab.id, author.id, new Date(Date.now() - DAY), 3);
    const b = await insertThread(open.id, author.id, new Date(Date.now() - 40 * DAY), 2);
    await setActivity(b.id, new Date(Date.now() - 2 * DAY));
    await markRead(member.id, a.id, 3);
    await markRead(outsider.id, b.id, 1);
    await all('start');
    const unreadOf = async (userId: number) =>
      threadRepo.unreadByTable(ctx.db, viewers.find((v) => v.id === userId) as Who);
    // A private lab's threads are not counted for those outside it.
    expect((await unreadOf(outsider.id)).get(lab.id)).toBeUndefined();
    expect((await unreadOf(admin.id)).get(lab.id)).toBe(1);
    expect((await unreadOf(member.id)).get(lab.id)).toBeUndefined();

    await inTx((tx) => threadRepo.update(tx, a.id, { table_id: open.id }));
    expect((await unreadOf(outsider.id)).get(open.id)).toBe(2);
    expect((await unreadOf(admin.id)).get(lab.id)).toBeUndefined();
    await all('moved out of the lab');

    const draft = await bindToNewDraft(a.id, open.id, author.id);
    expect((await unreadOf(outsider.id)).get(open.id)).toBe(1);
    expect((await unreadOf(admin.id)).get(open.id)).toBe(2);
    await all('bound to a draft');
    await setActivity(a.id, new Date());
    await inTx((tx) => threadRepo.update(tx, a.id, { table_id: lab.id }));
    await all('draft thread moved and active');
    await inTx((tx) => threadRepo.releaseDraft(tx, draft));
    await all('draft published');

    await ctx.db.deleteFrom('threads').where('id', '=', b.id).execute();
    expect((await unreadOf(outsider.id)).get(open.id)).toBeUndefined();
    await all('deleted');
    await ctx.db.deleteFrom('documents').where('id', '=', draft).execute();
    await ctx.db.deleteFrom('tables').where('id', '=', lab.id).execute();
    await all('table deleted');
  });

  it('agrees with the scan over a random forum', async () => {
    const roles = ['participant', 'participant', 'participant', 'tutor', 'moderator', 'admin'] as const;
    const people: Array<{ id: number; role: Viewer['role'] }> = [];
    for (const role of roles) people.push(await newUser(ctx, { role }));
    const tables: Array<{ id: number }> = [];
    for (let i = 0; i < 5; i++) {
      tables.push(
        await newTable(ctx, {
          kind: i % 2 ? 'lab' : 'regional',
          members: people.filter((_, j) => (i + j) % 3 !== 0),
        }),
      );
    }
    let seed = 7;
    const rnd = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    const now = Date.now();
    const threads: Array<{ id: number; last: number }> = [];
    for (let i = 0; i < 60; i++) {
      const last = 1 + Math.floor(rnd() * 5);
      const t = await insertThread(
        pick(tables).id,
        pick(people).id,
        new Date(now - Math.floor(rnd() * 8 * BUCKET)),
        last,
      );
      threads.push({ id: t.id, last });
      if (rnd() < 0.15) await bindToNewDraft(t.id, t.table_id, pick(people).id);
    }
    for (let i = 0; i < 150; i++) {
      const t = pick(threads);
      const r = rnd();
      if (r < 0.5) await markRead(pick(people).id, t.id, 1 + Math.floor(rnd() * t.last));
      else if (r < 0.75) await setActivity(t.id, new Date(now - Math.floor(rnd() * 8 * BUCKET)));
      else if (r < 0.9) await inTx((tx) => threadRepo.update(tx, t.id, { table_id: pick(tables).id }));
      else {
        t.last += 1;
        await ctx.db
          .updateTable('threads')
          .set({ last_post_number: t.last, last_activity_at: new Date(now - Math.floor(rnd() * BUCKET)) })
          .where('id', '=', t.id)
          .execute();
      }
    }
    await expectBucketsInStep();
    for (const person of people) {
      for (let k = 0; k < 6; k++) {
        await expectAsScan({
          id: person.id,
          role: person.role,
          joinedAt: new Date(now - Math.floor(rnd() * 9 * BUCKET)),
        });
      }
    }
  });
});
