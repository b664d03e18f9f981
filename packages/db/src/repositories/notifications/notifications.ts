import { sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { NotificationKind, NotificationRow, WatchLevel } from '../../schema.js';
import { userMayRead } from '../spaces/tables.js';

export interface NewNotification {
  user_id: number;
  kind: NotificationKind;
  event_id: number;
  thread_id: number | null;
  post_id: number | null;
  actor_id: number | null;
  data: Record<string, unknown>;
}

/** Inserts what is not there yet and returns only the new rows, so a re-run adds nothing. */
export function insertMany(db: Tx, rows: readonly NewNotification[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .insertInto('notifications')
    .values(rows.map((r) => ({ ...r, data: JSON.stringify(r.data) })))
    .onConflict((oc) => oc.columns(['user_id', 'event_id']).doNothing())
    .returningAll()
    .execute();
}

export function list(
  db: Executor,
  userId: number,
  options: { limit: number; beforeId?: number; unreadOnly?: boolean },
) {
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  return query.execute();
}

/** The notifications one outbox event produced. */
export function listByEvent(db: Executor, eventId: number): Promise<NotificationRow[]> {
  return db.selectFrom('notifications').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
}

export async function unreadCount(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function markRead(
  db: Executor,
  userId: number,
  ids: readonly number[] | 'all',
  at: Date,
): Promise<number> {
  let query = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    query = query.where('id', 'in', ids);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks read the person's notifications about posts of the thread up to `postNumber`: they have read those posts. */
export async function markReadInThread(
  db: Executor,
  userId: number,
  threadId: number,
  postNumber: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where('post_id', 'in', (eb) =>
      eb
        .selectFrom('posts')
        .select('posts.id')
        .where('posts.thread_id', '=', threadId)
        .where('posts.number', '<=', postNumber),
    )
    .execute();
}

/** The person's unread notifications about a private conversation, read once they open it. */
export async function markReadInConversation(db: Executor, userId: number, conversationId: number, at: Date) {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where('kind', 'in', ['conversation_message', 'conversation_flag'])
    .where(sql<boolean>`(data ->> 'conversationId')::bigint = ${conversationId}`)
    .execute();
}

/**
 * Everyone with a watch level on the thread, its table or its focus area, one row per person.
 * Each branch reads its subscription table through the (target, level) index.
 */
export async function watchLevels(db: Executor, thread: { id: number; table_id: number; focus_area: string }) {
  const result = await sql<{
    user_id: number;
    thread_level: WatchLevel | null;
    table_level: WatchLevel | null;
    focus_level: WatchLevel | null;
  }>`
    select user_id, max(thread_level) as thread_level, max(table_level) as table_level, max(focus_level) as focus_level
    from (
      select user_id, level as thread_level, null as table_level, null as focus_level
        from thread_subscriptions where thread_id = ${thread.id}
      union all
      select user_id, null, level, null from table_subscriptions where table_id = ${thread.table_id}
      union all
      select user_id, null, null, level from focus_area_subscriptions where focus_area = ${thread.focus_area}
    ) levels
    group by user_id`.execute(db);
  return result.rows;
}

/** Of `userIds`, those who may read the table now: membership can change after the event. */
export async function canReadTable(db: Executor, tableId: number, userIds: readonly number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .innerJoin('tables', (j) => j.on('tables.id', '=', tableId))
    .select('users.id')
    .where('users.id', 'in', userIds)
    .where(userMayRead(tableId))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Of `userIds`, those who may read the thread now: its table's rule, and for a thread about an
 * unpublished document, that draft's author and reviewers only (`threadVisibleTo`, per person).
 */
export async function canReadThread(
  db: Executor,
  thread: { table_id: number; draft_document_id: number | null },
  userIds: readonly number[],
): Promise<Set<number>> {
  const readers = await canReadTable(db, thread.table_id, userIds);
  if (thread.draft_document_id === null || readers.size === 0) return readers;
  const rows = await db
    .selectFrom('users')
    .innerJoin('documents', (j) => j.on('documents.id', '=', thread.draft_document_id))
    .select('users.id')
    .where('users.id', 'in', [...readers])
    .where((eb) =>
      eb.or([
        eb('users.role', '=', 'admin'),
        eb('users.id', '=', eb.ref('documents.author_id')),
        eb.and([
          eb('users.role', 'in', ['tutor', 'moderator']),
          eb.exists(
            eb
              .selectFrom('table_participants')
              .select('table_participants.user_id')
              .whereRef('table_participants.table_id', '=', 'documents.table_id')
              .whereRef('table_participants.user_id', '=', 'users.id'),
          ),
        ]),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function mentionedIn(db: Executor, postId: number): Promise<number[]> {
  const rows = await db.selectFrom('post_mentions').select('user_id').where('post_id', '=', postId).execute();
  return rows.map((r) => r.user_id);
}

/** A notification with what its mail needs and what decides whether to send it. */
export function findForMail(db: Executor, id: number) {
  return db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .leftJoin('posts', 'posts.id', 'notifications.post_id')
    .leftJoin('threads', 'threads.id', 'notifications.thread_id')
    .leftJoin('thread_reads', (j) =>
      j
        .onRef('thread_reads.thread_id', '=', 'notifications.thread_id')
        .onRef('thread_reads.user_id', '=', 'notifications.user_id'),
    )
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.user_id',
      'notifications.read_at',
      'notifications.emailed_at',
      'notifications.data',
      'notifications.thread_id',
      'users.email',
      'users.locale',
      'users.email_mentions',
      'users.email_replies',
      'users.email_watched',
      'users.email_tutoring',
      'posts.number as post_number',
      'posts.body_html',
      'posts.deleted_at',
      'posts.hidden_at',
      'threads.table_id',
      'threads.draft_document_id',
      'threads.title as thread_title',
      'thread_reads.last_read_post_number',
    ])
    .where('notifications.id', '=', id)
    .executeTakeFirst();
}

export async function markEmailed(db: Executor, id: number, at: Date): Promise<void> {
  await db.updateTable('notifications').set({ emailed_at: at }).where('id', '=', id).execute();
}

/** Each person's mail choice for each kind of notification, for the given people. */
export function emailChoices(db: Executor, userIds: readonly number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'email_mentions', 'email_replies', 'email_watched', 'email_tutoring'])
    .where('id', 'in', userIds)
    .execute();
}
