import type { Insertable } from 'kysely';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { DB, ThreadKind, ThreadRow, ThreadsTable, WatchLevel } from '../../schema.js';
import { isMemberColumn, tableVisibleTo, type Viewer } from '../spaces/tables.js';

export interface ThreadAccess<T extends ThreadRow = ThreadRow> {
  thread: T;
  tableVisibility: 'members' | 'participants';
  isMember: boolean;
  /** The author of the unpublished document the thread is about, if any. */
  draftAuthorId: number | null;
}

/**
 * The SQL form of the domain's `canReadThread`, on top of `tableVisibleTo` (a test keeps them in
 * step): a thread about an unpublished document is seen only by its author and its reviewers.
 */
export function threadVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB, 'threads'>) =>
    viewer.role === 'admin'
      ? eb.lit(true)
      : eb.or([
          eb('threads.draft_document_id', 'is', null),
          draftSeenBy(eb, viewer.id, viewer.role === 'tutor' || viewer.role === 'moderator'),
        ]);
}

/**
 * The unpublished document a thread is about is the reader's to see: they wrote it, or they review
 * in its table. `reviews` says whether the reader's role reviews: a value when the reader is known
 * while building the statement, an expression on a row's role otherwise (digests, many at once).
 */
export function draftSeenBy(
  eb: ExpressionBuilder<DB, 'threads'>,
  readerId: number | Expression<number>,
  reviews: boolean | Expression<SqlBool>,
) {
  return eb.exists(
    eb
      .selectFrom('documents as draft')
      .select('draft.id')
      .whereRef('draft.id', '=', 'threads.draft_document_id')
      .where((d) => {
        const inItsTable = d.exists(
          d
            .selectFrom('table_participants')
            .select('table_participants.user_id')
            .whereRef('table_participants.table_id', '=', 'draft.table_id')
            .where('table_participants.user_id', '=', readerId),
        );
        const byAuthor = d('draft.author_id', '=', readerId);
        if (reviews === false) return d.or([byAuthor]);
        return d.or([byAuthor, reviews === true ? inItsTable : d.and([reviews, inItsTable])]);
      }),
  );
}

/** Threads visible to the viewer: their table's rule and their own (`tables` must be joined). */
export function threadAndTableVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB, 'threads' | 'tables'>) =>
    eb.and([tableVisibleTo(viewer)(eb), threadVisibleTo(viewer)(eb)]);
}

/** The thread with what permission checks need about its table, in one round trip. */
export async function findWithAccess(
  db: Executor,
  threadId: number,
  userId: number,
): Promise<ThreadAccess | undefined> {
  const row = await db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .selectAll('threads')
    .leftJoin('documents as draft', 'draft.id', 'threads.draft_document_id')
    .select(['tables.visibility as table_visibility', 'draft.author_id as draft_author_id'])
    .select(isMemberColumn(userId))
    .where('threads.id', '=', threadId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { table_visibility, is_member, draft_author_id, ...thread } = row;
  return { thread, tableVisibility: table_visibility, isMember: is_member, draftAuthorId: draft_author_id };
}

/** Locks the thread row: the caller's transaction then owns its counters until commit. */
export function lockById(db: Tx, threadId: number): Promise<ThreadRow | undefined> {
  return db.selectFrom('threads').selectAll().where('id', '=', threadId).forUpdate().executeTakeFirst();
}

export function insert(db: Tx, thread: Insertable<ThreadsTable>): Promise<ThreadRow> {
  return db
    .insertInto('threads')
    .values({
      ...thread,
      last_activity_at: thread.created_at,
      question_status: thread.kind === 'question' ? 'open' : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Takes the next post number and bumps the counters in one statement. The row lock it takes
 * makes concurrent replies queue here, so numbers have no gaps or duplicates.
 */
export async function appendPost(db: Tx, threadId: number, authorId: number, at: Date): Promise<number> {
  const row = await db
    .updateTable('threads')
    .set((eb) => ({
      last_post_number: eb('last_post_number', '+', 1),
      post_count: eb('post_count', '+', 1),
      last_poster_id: authorId,
      last_activity_at: sql<Date>`greatest(last_activity_at, ${at})`,
    }))
    .where('id', '=', threadId)
    .returning('last_post_number')
    .executeTakeFirstOrThrow();
  return row.last_post_number;
}

/** Counts the author as a participant once, however many posts they write. */
export async function addParticipant(db: Tx, threadId: number, userId: number): Promise<void> {
  const row = await db
    .insertInto('thread_participants')
    .values({ thread_id: threadId, user_id: userId })
    .onConflict((oc) =>
      oc
        .columns(['thread_id', 'user_id'])
        .doUpdateSet((eb) => ({ post_count: eb('thread_participants.post_count', '+', 1) })),
    )
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirstOrThrow();
  if (row.inserted) {
    await db
      .updateTable('threads')
      .set((eb) => ({ participant_count: eb('participant_count', '+', 1) }))
      .where('id', '=', threadId)
      .execute();
  }
}

export async function adjustPostCount(db: Tx, threadId: number, delta: number): Promise<void> {
  await db
    .updateTable('threads')
    .set((eb) => ({ post_count: eb('post_count', '+', delta) }))
    .where('id', '=', threadId)
    .execute();
}

export function update(
  db: Tx,
  threadId: number,
  changes: Partial<
    Pick<ThreadRow, 'title' | 'pinned' | 'locked' | 'table_id' | 'focus_area' | 'dimension' | 'slow_mode_minutes'>
  >,
): Promise<ThreadRow> {
  return db.updateTable('threads').set(changes).where('id', '=', threadId).returningAll().executeTakeFirstOrThrow();
}

export interface ThreadListFilters {
  tableId?: number;
  focusArea?: string;
  kind?: ThreadKind;
  dimension?: string;
  authorId?: number;
  activeSince?: Date;
  bookmarkedOnly?: boolean;
}

export interface ThreadListCursor {
  pinned: boolean;
  lastActivityAt: Date;
  id: number;
}

/** What a list row adds to the thread: its author and the viewer's own state. */
export function withViewerState(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB, 'threads' | 'users'>) => [
    eb
      .selectFrom('thread_reads')
      .select('thread_reads.last_read_post_number')
      .whereRef('thread_reads.thread_id', '=', 'threads.id')
      .where('thread_reads.user_id', '=', viewer.id)
      .as('last_read_post_number'),
    eb
      .exists(
        eb
          .selectFrom('bookmarks')
          .select('bookmarks.thread_id')
          .whereRef('bookmarks.thread_id', '=', 'threads.id')
          .where('bookmarks.user_id', '=', viewer.id),
      )
      .$castTo<boolean>()
      .as('bookmarked'),
    eb
      .selectFrom('thread_subscriptions')
      .select('thread_subscriptions.level')
      .whereRef('thread_subscriptions.thread_id', '=', 'threads.id')
      .where('thread_subscriptions.user_id', '=', viewer.id)
      .$castTo<WatchLevel | null>()
      .as('subscription'),
  ];
}

const AUTHOR = [
  'users.display_name as author_name',
  'users.handle as author_handle',
  // Who holds a question, by name, so the asker is told.
  (eb: ExpressionBuilder<DB, 'threads'>) =>
    eb
      .selectFrom('users as tutor')
      .select('tutor.display_name')
      .whereRef('tutor.id', '=', 'threads.assigned_tutor_id')
      .as('assigned_tutor_name'),
] as const;

/** Pinned first, then by last activity; keyset-paginated over (pinned, last_activity_at, id). */
export function list(
  db: Executor,
  viewer: Viewer,
  filters: ThreadListFilters,
  cursor: ThreadListCursor | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .innerJoin('users', 'users.id', 'threads.author_id')
    .selectAll('threads')
    .select(AUTHOR)
    .select(withViewerState(viewer))
    .where(threadAndTableVisibleTo(viewer))
    .orderBy('threads.pinned', 'desc')
    .orderBy('threads.last_activity_at', 'desc')
    .orderBy('threads.id', 'desc')
    .limit(limit);
  if (filters.tableId !== undefined) query = query.where('threads.table_id', '=', filters.tableId);
  if (filters.focusArea !== undefined) query = query.where('threads.focus_area', '=', filters.focusArea);
  if (filters.kind !== undefined) query = query.where('threads.kind', '=', filters.kind);
  if (filters.dimension !== undefined) query = query.where('threads.dimension', '=', filters.dimension);
  if (filters.authorId !== undefined) query = query.where('threads.author_id', '=', filters.authorId);
  if (filters.activeSince !== undefined) query = query.where('threads.last_activity_at', '>', filters.activeSince);
  if (filters.bookmarkedOnly) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('bookmarks')
          .select('bookmarks.thread_id')
          .whereRef('bookmarks.thread_id', '=', 'threads.id')
          .where('bookmarks.user_id', '=', viewer.id),
      ),
    );
  }
  if (cursor) {
    query = query.where(
      sql<boolean>`(threads.pinned, threads.last_activity_at, threads.id) < (${cursor.pinned}, ${cursor.lastActivityAt}, ${cursor.id})`,
    );
  }
  return query.execute();
}

export type ThreadListRow = Awaited<ReturnType<typeof list>>[number];

/** One thread as a list row (author and viewer state), for single-thread answers. */
export function findListRow(db: Executor, viewer: Viewer, threadId: number): Promise<ThreadListRow | undefined> {
  return db
    .selectFrom('threads')
    .innerJoin('users', 'users.id', 'threads.author_id')
    .selectAll('threads')
    .select(AUTHOR)
    .select(withViewerState(viewer))
    .where('threads.id', '=', threadId)
    .executeTakeFirst();
}

/** `findListRow` and `findWithAccess` in one round trip: what a thread page starts from. */
export async function findListRowWithAccess(
  db: Executor,
  viewer: Viewer,
  threadId: number,
): Promise<ThreadAccess<ThreadListRow> | undefined> {
  const row = await db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .innerJoin('users', 'users.id', 'threads.author_id')
    .selectAll('threads')
    .select(AUTHOR)
    .select(withViewerState(viewer))
    .leftJoin('documents as draft', 'draft.id', 'threads.draft_document_id')
    .select(['tables.visibility as table_visibility', 'draft.author_id as draft_author_id'])
    .select(isMemberColumn(viewer.id))
    .where('threads.id', '=', threadId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { table_visibility, is_member, draft_author_id, ...thread } = row;
  return { thread, tableVisibility: table_visibility, isMember: is_member, draftAuthorId: draft_author_id };
}

/** The length of a `thread_activity_counts` bucket: the migration's `thread_activity_bucket`. */
export const ACTIVITY_BUCKET_MS = 2_592_000_000;

/**
 * Unread threads per visible table: threads with posts past the viewer's read mark that were
 * active since the viewer joined (so a newcomer is not greeted by the whole archive).
 *
 * Counted as (visible threads active since joining) − (those the viewer has read to the end), so
 * the cost follows the viewer's own reading and the forum's age in 30-day buckets, never the number
 * of threads. The first term, for threads not bound to a draft, is whole buckets after the one the
 * viewer joined in (`thread_activity_counts`, kept by triggers) plus the threads of that one bucket
 * active after joining (an index range over at most 30 days of latest activity); draft-bound
 * threads, visible per person, are few and counted directly. A table's visibility is all or
 * nothing, so it is applied to the bucket rows as it is to threads. Per-person counters were the
 * alternative: every reply and every new thread would then write a row per reader of the table.
 */
export async function unreadByTable(db: Executor, viewer: Viewer & { joinedAt: Date }): Promise<Map<number, number>> {
  const joinedAt = viewer.joinedAt;
  const bucket = Math.floor(joinedAt.getTime() / ACTIVITY_BUCKET_MS);
  const bucketEnd = new Date((bucket + 1) * ACTIVITY_BUCKET_MS);
  const laterBuckets = db
    .selectFrom('thread_activity_counts as c')
    .innerJoin('tables', 'tables.id', 'c.table_id')
    .select(['c.table_id', sql<number>`sum(c.threads)::int`.as('n')])
    .where(tableVisibleTo(viewer))
    .where('c.bucket', '>', bucket)
    .groupBy('c.table_id');
  const joiningBucket = db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .select(['threads.table_id', sql<number>`count(*)::int`.as('n')])
    .where(tableVisibleTo(viewer))
    .where('threads.draft_document_id', 'is', null)
    // Always true: it lets the (pinned, last_activity_at) index serve the range below.
    .where('threads.pinned', 'in', [false, true])
    .where('threads.last_activity_at', '>', joinedAt)
    .where('threads.last_activity_at', '<', bucketEnd)
    .groupBy('threads.table_id');
  const drafts = db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .select(['threads.table_id', sql<number>`count(*)::int`.as('n')])
    .where('threads.draft_document_id', 'is not', null)
    .where(threadAndTableVisibleTo(viewer))
    .where('threads.last_activity_at', '>', joinedAt)
    .groupBy('threads.table_id');
  const readToTheEnd = db
    .selectFrom('thread_reads')
    .innerJoin('threads', 'threads.id', 'thread_reads.thread_id')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .select(['threads.table_id', sql<number>`-count(*)::int`.as('n')])
    .where('thread_reads.user_id', '=', viewer.id)
    .whereRef('thread_reads.last_read_post_number', '>=', 'threads.last_post_number')
    .where(threadAndTableVisibleTo(viewer))
    .where('threads.last_activity_at', '>', joinedAt)
    .groupBy('threads.table_id');
  const rows = await db
    .selectFrom(laterBuckets.unionAll(joiningBucket).unionAll(drafts).unionAll(readToTheEnd).as('parts'))
    .select(['parts.table_id', sql<number>`sum(parts.n)::int`.as('unread')])
    .groupBy('parts.table_id')
    .having(sql<number>`sum(parts.n)`, '>', 0)
    .execute();
  return new Map(rows.map((r) => [r.table_id, Number(r.unread)]));
}

export function findById(db: Executor, id: number): Promise<ThreadRow | undefined> {
  return db.selectFrom('threads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ties the thread to a document that is not published yet: it stays as private as the draft. */
export async function bindToDraft(db: Tx, threadId: number, documentId: number): Promise<void> {
  await db.updateTable('threads').set({ draft_document_id: documentId }).where('id', '=', threadId).execute();
}

/** The document is published: its threads open to everyone who reads the table. */
export function releaseDraft(db: Tx, documentId: number): Promise<ThreadRow[]> {
  return db
    .updateTable('threads')
    .set({ draft_document_id: null })
    .where('draft_document_id', '=', documentId)
    .returningAll()
    .execute();
}
