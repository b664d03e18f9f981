import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Executor } from '../../connection.js';
import type { DB, Role } from '../../schema.js';
import { draftSeenBy, threadAndTableVisibleTo } from '../forum/threads.js';
import { tableVisibleTo, type Viewer } from '../spaces/tables.js';

/**
 * Whose digest a sub-select builds: one person (ids as values), or each row of a statement's
 * `readers` (ids as column references), so that many people's digests come from one statement.
 */
interface Reader {
  id: number | Expression<number>;
  mayReadThread: (eb: ExpressionBuilder<DB, 'threads' | 'tables'>) => Expression<SqlBool>;
  mayReadTable: (eb: ExpressionBuilder<DB, 'tables'>) => Expression<SqlBool>;
}

const person = (viewer: Viewer): Reader => ({
  id: viewer.id,
  mayReadThread: threadAndTableVisibleTo(viewer),
  mayReadTable: tableVisibleTo(viewer),
});

const readerId = sql.ref<number>('readers.id');
const readerRole = sql.ref<Role>('readers.role');

/**
 * `tableVisibleTo` and `threadVisibleTo` for the reader of each row: the same rules, with the
 * role read from the row instead of branching on it while building the statement (a test
 * compares every role, visibility and way in with the one-person form).
 */
const eachReader: Reader = {
  id: readerId,
  mayReadTable: (eb) =>
    eb.or([
      eb(readerRole, '=', 'admin'),
      eb('tables.visibility', '=', 'participants'),
      eb.exists(
        eb
          .selectFrom('table_participants')
          .select('table_participants.table_id')
          .whereRef('table_participants.table_id', '=', 'tables.id')
          .where('table_participants.user_id', '=', readerId),
      ),
    ]),
  mayReadThread: (eb) =>
    eb.and([
      eachReader.mayReadTable(eb),
      eb.or([
        eb(readerRole, '=', 'admin'),
        eb('threads.draft_document_id', 'is', null),
        draftSeenBy(eb, readerId, eb(readerRole, 'in', ['tutor', 'moderator'])),
      ]),
    ]),
};

/**
 * What a person follows: tables they belong to or watch (unless muted), and any visible table's
 * threads in a focus area they watch. Muted threads never appear.
 */
function followedBy(viewer: Reader) {
  return (eb: ExpressionBuilder<DB, 'threads' | 'tables'>) => {
    const tableLevel = eb
      .selectFrom('table_subscriptions')
      .select('table_subscriptions.level')
      .whereRef('table_subscriptions.table_id', '=', 'tables.id')
      .where('table_subscriptions.user_id', '=', viewer.id);
    const member = eb.exists(
      eb
        .selectFrom('table_participants')
        .select('table_participants.user_id')
        .whereRef('table_participants.table_id', '=', 'tables.id')
        .where('table_participants.user_id', '=', viewer.id),
    );
    const focusWatched = eb.exists(
      eb
        .selectFrom('focus_area_subscriptions')
        .select('focus_area_subscriptions.user_id')
        .whereRef('focus_area_subscriptions.focus_area', '=', 'threads.focus_area')
        .where('focus_area_subscriptions.user_id', '=', viewer.id)
        .where('focus_area_subscriptions.level', '=', 'watching'),
    );
    return eb.and([
      viewer.mayReadThread(eb),
      eb(sql`coalesce((${tableLevel}), 'normal')`, '<>', 'muted'),
      eb.or([member, eb(tableLevel, '=', 'watching'), focusWatched]),
      eb.not(
        eb.exists(
          eb
            .selectFrom('thread_subscriptions')
            .select('thread_subscriptions.user_id')
            .whereRef('thread_subscriptions.thread_id', '=', 'threads.id')
            .where('thread_subscriptions.user_id', '=', viewer.id)
            .where('thread_subscriptions.level', '=', 'muted'),
        ),
      ),
    ]);
  };
}

export interface DigestContentWindow {
  from: Date;
  to: Date;
  /** Open questions asked since then are listed: unlike news, they stay relevant until answered. */
  questionsSince: Date;
}

export interface DigestContentLimits {
  threads: number;
  questions: number;
  documents: number;
  notifications: number;
}

/**
 * Everything one person's digest lists, in one statement: each list is a JSON array of its own
 * sub-select. One round trip instead of four matters here: a digest is a handful of statements,
 * and their fixed cost per statement (building, sending, parsing) was most of the worker's time.
 * Each array keeps its sub-select's order (PostgreSQL aggregates a sorted sub-select in order).
 */
export function forReader(db: Executor, viewer: Viewer, window: DigestContentWindow, limits: DigestContentLimits) {
  const reader = person(viewer);
  return db
    .selectNoFrom(contentColumns(db, reader, { ...window, earliest: window.from }, limits))
    .executeTakeFirstOrThrow();
}

/** One reader of a batch: who, and where their digest's window starts (it ends at the batch's `to`). */
export interface BatchReader {
  id: number;
  from: Date;
}

/**
 * The same lists for many people in one statement, one row per person (`user_id`), who are read
 * each with their own role, follows and window. Planning the one-person statement took several
 * times as long as running it (its plan depends on how narrow the window is, so PostgreSQL plans
 * it afresh each time); here it is planned once for the batch. The batch's earliest start is
 * also given as such, so the plan knows how little of the forum the windows cover.
 */
export async function forReaders(
  db: Executor,
  readers: readonly BatchReader[],
  window: Omit<DigestContentWindow, 'from'>,
  limits: DigestContentLimits,
) {
  if (readers.length === 0) return [];
  const earliest = new Date(Math.min(...readers.map((r) => r.from.getTime())));
  const source = sql<{ id: number; role: Role; from_at: Date }>`(select u.id, u.role, w.from_at
    from unnest(${readers.map((r) => r.id)}::int8[], ${readers.map((r) => r.from)}::timestamptz[]) as w(id, from_at)
    join users u on u.id = w.id)`;
  return db
    .selectFrom(source.as('readers'))
    .select('readers.id as user_id')
    .select(contentColumns(db, eachReader, { ...window, from: sql.ref<Date>('readers.from_at'), earliest }, limits))
    .execute();
}

interface ReaderWindow {
  /** The reader's own start: a value, or the reader row's column. */
  from: Date | Expression<Date>;
  to: Date;
  questionsSince: Date;
  /** No reader's window starts before this (a constant the planner can estimate with). */
  earliest: Date;
}

function contentColumns(db: Executor, reader: Reader, window: ReaderWindow, limits: DigestContentLimits) {
  return [
    jsonArrayFrom(activeThreads(db, reader, window, limits.threads)).as('threads'),
    jsonArrayFrom(unansweredQuestions(db, reader, window.questionsSince, limits.questions)).as('questions'),
    jsonArrayFrom(publishedDocuments(db, reader, window, limits.documents)).as('documents'),
    jsonArrayFrom(unreadNotifications(db, reader.id, window, limits.notifications)).as('notifications'),
    // How many private conversations wait unread: a count, never what they say.
    sql<string>`(select count(*) from conversation_members me join conversations c on c.id = me.conversation_id
        where me.user_id = ${reader.id} and me.left_at is null and c.last_message_id > me.last_read_message_id)`.as(
      'unread_conversations',
    ),
  ] as const;
}

/** New and active threads in what the person follows, with how many posts each gained. */
function activeThreads(db: Executor, viewer: Reader, { from, to, earliest }: ReaderWindow, limit: number) {
  return db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .innerJoin('focus_areas', 'focus_areas.slug', 'threads.focus_area')
    .select([
      'threads.id',
      'threads.title',
      'threads.kind',
      'threads.table_id',
      'tables.name as table_name',
      'threads.focus_area',
      'focus_areas.name_it as focus_name_it',
      'focus_areas.name_en as focus_name_en',
      'focus_areas.position as focus_position',
      sql<boolean>`threads.created_at > ${from}`.as('is_new'),
      (eb) =>
        eb
          .selectFrom('posts')
          .select((p) => p.fn.countAll<string>().as('n'))
          .whereRef('posts.thread_id', '=', 'threads.id')
          .where('posts.created_at', '>', from)
          .where('posts.created_at', '<=', to)
          .where('posts.deleted_at', 'is', null)
          .where('posts.hidden_at', 'is', null)
          .as('new_posts'),
    ])
    .where('threads.last_activity_at', '>', earliest)
    .where('threads.last_activity_at', '>', from)
    .where('threads.created_at', '<=', to)
    .where(followedBy(viewer))
    .orderBy(sql`threads.created_at > ${from}`, 'desc')
    .orderBy('threads.last_activity_at', 'desc')
    .limit(limit);
}

/**
 * Questions no tutor has answered yet, in what the person follows or assigned to them; those
 * assigned to them come first, then oldest first.
 */
function unansweredQuestions(db: Executor, viewer: Reader, since: Date, limit: number) {
  const mine = sql<boolean>`threads.assigned_tutor_id is not distinct from ${viewer.id}`;
  return db
    .selectFrom('threads')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .select([
      'threads.id',
      'threads.title',
      'tables.name as table_name',
      'threads.created_at',
      mine.as('assigned_to_me'),
    ])
    .where('threads.kind', '=', 'question')
    .where('threads.question_status', '=', 'open')
    .where('threads.created_at', '>', since)
    .where((eb) => eb.or([eb('threads.assigned_tutor_id', '=', viewer.id), followedBy(viewer)(eb)]))
    .where(viewer.mayReadThread)
    .orderBy(mine, 'desc')
    .orderBy('threads.created_at')
    .limit(limit);
}

/** Documents published in (from, to] in the tables the person belongs to or watches, if they may see them. */
function publishedDocuments(db: Executor, viewer: Reader, { from, to, earliest }: ReaderWindow, limit: number) {
  return db
    .selectFrom('document_transitions')
    .innerJoin('documents', 'documents.id', 'document_transitions.document_id')
    .innerJoin('tables', 'tables.id', 'documents.table_id')
    .select(['documents.id', 'documents.title', 'tables.name as table_name'])
    .distinct()
    .where('document_transitions.to_status', '=', 'published')
    .where('document_transitions.created_at', '>', earliest)
    .where('document_transitions.created_at', '>', from)
    .where('document_transitions.created_at', '<=', to)
    .where('documents.status', '=', 'published')
    .where(viewer.mayReadTable)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('table_participants')
            .select('table_participants.user_id')
            .whereRef('table_participants.table_id', '=', 'tables.id')
            .where('table_participants.user_id', '=', viewer.id),
        ),
        eb.exists(
          eb
            .selectFrom('table_subscriptions')
            .select('table_subscriptions.user_id')
            .whereRef('table_subscriptions.table_id', '=', 'tables.id')
            .where('table_subscriptions.user_id', '=', viewer.id)
            .where('table_subscriptions.level', '=', 'watching'),
        ),
      ]),
    )
    .limit(limit);
}

/** The person's unread notifications of the window, newest first. */
function unreadNotifications(db: Executor, userId: Reader['id'], { from, earliest }: ReaderWindow, limit: number) {
  return db
    .selectFrom('notifications')
    .select(['kind', 'data', 'thread_id'])
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where('created_at', '>', earliest)
    .where('created_at', '>', from)
    .orderBy('id', 'desc')
    .limit(limit);
}
