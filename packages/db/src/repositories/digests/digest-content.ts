import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Executor } from '../../connection.js';
import type { DB } from '../../schema.js';
import { threadAndTableVisibleTo } from '../forum/threads.js';
import { tableVisibleTo, type Viewer } from '../spaces/tables.js';

/**
 * What a person follows: tables they belong to or watch (unless muted), and any visible table's
 * threads in a focus area they watch. Muted threads never appear.
 */
function followedBy(viewer: Viewer) {
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
      threadAndTableVisibleTo(viewer)(eb),
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
  return db
    .selectNoFrom([
      jsonArrayFrom(activeThreads(db, viewer, window.from, window.to, limits.threads)).as('threads'),
      jsonArrayFrom(unansweredQuestions(db, viewer, window.questionsSince, limits.questions)).as('questions'),
      jsonArrayFrom(publishedDocuments(db, viewer, window.from, window.to, limits.documents)).as('documents'),
      jsonArrayFrom(unreadNotifications(db, viewer.id, window.from, limits.notifications)).as('notifications'),
      // How many private conversations wait unread: a count, never what they say.
      sql<string>`(select count(*) from conversation_members me join conversations c on c.id = me.conversation_id
        where me.user_id = ${viewer.id} and me.left_at is null and c.last_message_id > me.last_read_message_id)`.as(
        'unread_conversations',
      ),
    ])
    .executeTakeFirstOrThrow();
}

/** New and active threads in what the person follows, with how many posts each gained. */
function activeThreads(db: Executor, viewer: Viewer, from: Date, to: Date, limit: number) {
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
function unansweredQuestions(db: Executor, viewer: Viewer, since: Date, limit: number) {
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
    .where(threadAndTableVisibleTo(viewer))
    .orderBy(mine, 'desc')
    .orderBy('threads.created_at')
    .limit(limit);
}

/** Documents published in (from, to] in the tables the person belongs to or watches, if they may see them. */
function publishedDocuments(db: Executor, viewer: Viewer, from: Date, to: Date, limit: number) {
  return db
    .selectFrom('document_transitions')
    .innerJoin('documents', 'documents.id', 'document_transitions.document_id')
    .innerJoin('tables', 'tables.id', 'documents.table_id')
    .select(['documents.id', 'documents.title', 'tables.name as table_name'])
    .distinct()
    .where('document_transitions.to_status', '=', 'published')
    .where('document_transitions.created_at', '>', from)
    .where('document_transitions.created_at', '<=', to)
    .where('documents.status', '=', 'published')
    .where(tableVisibleTo(viewer))
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
function unreadNotifications(db: Executor, userId: number, since: Date, limit: number) {
  return db
    .selectFrom('notifications')
    .select(['kind', 'data', 'thread_id'])
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where('created_at', '>', since)
    .orderBy('id', 'desc')
    .limit(limit);
}
