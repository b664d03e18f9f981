import { sql } from 'kysely';
import type { Executor } from '../../connection.js';
import type { WatchLevel } from '../../schema.js';

/** Moves the read mark forward only: reading an older page never marks newer posts unread. */
export async function markRead(
  db: Executor,
  userId: number,
  threadId: number,
  postNumber: number,
  at: Date,
): Promise<void> {
  await db
    .insertInto('thread_reads')
    .values({ user_id: userId, thread_id: threadId, last_read_post_number: postNumber, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['user_id', 'thread_id']).doUpdateSet({
        last_read_post_number: sql`greatest(thread_reads.last_read_post_number, excluded.last_read_post_number)`,
        updated_at: at,
      }),
    )
    .execute();
}

export async function setBookmark(db: Executor, userId: number, threadId: number, on: boolean): Promise<void> {
  if (on) {
    await db
      .insertInto('bookmarks')
      .values({ user_id: userId, thread_id: threadId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await db.deleteFrom('bookmarks').where('user_id', '=', userId).where('thread_id', '=', threadId).execute();
  }
}

export async function setThreadLevel(db: Executor, userId: number, threadId: number, level: WatchLevel): Promise<void> {
  await db
    .insertInto('thread_subscriptions')
    .values({ user_id: userId, thread_id: threadId, level })
    .onConflict((oc) => oc.columns(['user_id', 'thread_id']).doUpdateSet({ level, updated_at: new Date() }))
    .execute();
}

/** Authors and repliers watch a thread, unless they already chose a level for it. */
export async function watchUnlessChosen(db: Executor, userId: number, threadId: number): Promise<void> {
  await db
    .insertInto('thread_subscriptions')
    .values({ user_id: userId, thread_id: threadId, level: 'watching' })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function setTableLevel(db: Executor, userId: number, tableId: number, level: WatchLevel): Promise<void> {
  await db
    .insertInto('table_subscriptions')
    .values({ user_id: userId, table_id: tableId, level })
    .onConflict((oc) => oc.columns(['user_id', 'table_id']).doUpdateSet({ level, updated_at: new Date() }))
    .execute();
}

export async function setFocusAreaLevel(
  db: Executor,
  userId: number,
  focusArea: string,
  level: WatchLevel,
): Promise<void> {
  await db
    .insertInto('focus_area_subscriptions')
    .values({ user_id: userId, focus_area: focusArea, level })
    .onConflict((oc) => oc.columns(['user_id', 'focus_area']).doUpdateSet({ level, updated_at: new Date() }))
    .execute();
}

export async function levelsOf(db: Executor, userId: number) {
  const [tables, focusAreas] = await Promise.all([
    db.selectFrom('table_subscriptions').select(['table_id', 'level']).where('user_id', '=', userId).execute(),
    db.selectFrom('focus_area_subscriptions').select(['focus_area', 'level']).where('user_id', '=', userId).execute(),
  ]);
  return { tables, focusAreas };
}

/** Stamps activity; when a new visit starts, the last one becomes the "new since" mark. */
export async function recordActivity(db: Executor, userId: number, at: Date, newVisit: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set(newVisit ? { previous_visit_at: sql`last_seen_at`, last_seen_at: at } : { last_seen_at: at })
    .where('id', '=', userId)
    .execute();
}
