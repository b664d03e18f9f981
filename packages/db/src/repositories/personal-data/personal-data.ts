import { sql } from 'kysely';
import type { Executor } from '../../connection.js';

/**
 * Everything held about one person, as stored, for their own export (GDPR art. 15 and 20).
 * Each read is of rows that are theirs (`user_id`, `author_id`, `uploaded_by`), never of what
 * other people wrote, except the titles of the threads their posts and bookmarks are in.
 */

export function account(db: Executor, userId: number) {
  return db
    .selectFrom('users')
    .leftJoin('enti', 'enti.id', 'users.ente_id')
    .select([
      'users.id',
      'users.email',
      'users.handle',
      'users.display_name',
      'users.role',
      'users.locale',
      'users.created_at',
      'users.last_seen_at',
      'users.digest',
      'users.digest_hour',
      'users.digest_weekday',
      'users.timezone',
      'users.digest_skip_if_active',
      'users.email_mentions',
      'users.email_replies',
      'users.email_watched',
      'users.email_tutoring',
      'enti.id as ente_id',
      'enti.name as ente_name',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export function memberships(db: Executor, userId: number) {
  return db
    .selectFrom('table_members')
    .innerJoin('tables', 'tables.id', 'table_members.table_id')
    .select(['tables.id', 'tables.name', 'tables.kind', 'table_members.created_at'])
    .where('table_members.user_id', '=', userId)
    .orderBy('tables.id')
    .execute();
}

/** Personal API tokens, without their hashes. */
export function apiTokens(db: Executor, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

export function consentRecords(db: Executor, userId: number) {
  return db
    .selectFrom('consent_records')
    .select(['id', 'kind', 'version', 'action', 'text_sha256', 'ip', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** The person's posts, with the title of the thread each is in. */
export function posts(db: Executor, userId: number) {
  return db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'threads.title as thread_title',
      'posts.number',
      'posts.reply_to_post_id',
      'posts.body',
      'posts.created_at',
      'posts.edited_at',
      'posts.deleted_at',
      'posts.hidden_at',
      'posts.like_count',
    ])
    .where('posts.author_id', '=', userId)
    .orderBy('posts.id')
    .execute();
}

/** Earlier texts of the person's posts, oldest first; whether they or a moderator made the change. */
export function postRevisions(db: Executor, userId: number) {
  return db
    .selectFrom('post_revisions')
    .innerJoin('posts', 'posts.id', 'post_revisions.post_id')
    .select([
      'post_revisions.post_id',
      'post_revisions.body',
      'post_revisions.written_at',
      'post_revisions.replaced_at',
      sql<boolean>`post_revisions.editor_id is not distinct from posts.author_id`.as('edited_by_author'),
    ])
    .where('posts.author_id', '=', userId)
    .orderBy('post_revisions.post_id')
    .orderBy('post_revisions.id')
    .execute();
}

export function bookmarks(db: Executor, userId: number) {
  return db
    .selectFrom('bookmarks')
    .innerJoin('threads', 'threads.id', 'bookmarks.thread_id')
    .select(['bookmarks.thread_id', 'threads.title as thread_title', 'bookmarks.created_at'])
    .where('bookmarks.user_id', '=', userId)
    .orderBy('bookmarks.created_at')
    .execute();
}

export function notifications(db: Executor, userId: number) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'thread_id', 'post_id', 'data', 'created_at', 'read_at', 'emailed_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** Likes given, flags raised and what the person follows. */
export async function activity(db: Executor, userId: number) {
  const [likes, flags, threads, tables, focusAreas] = await Promise.all([
    db
      .selectFrom('post_reactions')
      .innerJoin('posts', 'posts.id', 'post_reactions.post_id')
      .select(['post_reactions.post_id', 'posts.thread_id', 'post_reactions.kind', 'post_reactions.created_at'])
      .where('post_reactions.user_id', '=', userId)
      .orderBy('post_reactions.created_at')
      .execute(),
    db
      .selectFrom('flags')
      .select(['post_id', 'reason', 'status', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('thread_subscriptions')
      .select(['thread_id', 'level', 'updated_at'])
      .where('user_id', '=', userId)
      .orderBy('thread_id')
      .execute(),
    db
      .selectFrom('table_subscriptions')
      .select(['table_id', 'level', 'updated_at'])
      .where('user_id', '=', userId)
      .orderBy('table_id')
      .execute(),
    db
      .selectFrom('focus_area_subscriptions')
      .select(['focus_area', 'level', 'updated_at'])
      .where('user_id', '=', userId)
      .orderBy('focus_area')
      .execute(),
  ]);
  return { likes, flags, follows: { threads, tables, focusAreas } };
}

/** Documents the person wrote or uploaded a version of. */
export function documents(db: Executor, userId: number) {
  return db
    .selectFrom('documents')
    .select([
      'id',
      'table_id',
      'title',
      'description',
      'kind',
      'focus_area',
      'dimension',
      'language',
      'tags',
      'status',
      'created_at',
      'updated_at',
      sql<boolean>`author_id = ${userId}`.as('is_author'),
    ])
    .where((eb) =>
      eb.or([
        eb('author_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('document_versions')
            .select(sql`1`.as('one'))
            .whereRef('document_versions.document_id', '=', 'documents.id')
            .where('document_versions.uploaded_by', '=', userId),
        ),
      ]),
    )
    .orderBy('id')
    .execute();
}

/** The versions the person uploaded: their files, by storage key. */
export function uploadedVersions(db: Executor, userId: number) {
  return db
    .selectFrom('document_versions')
    .select([
      'document_id',
      'number',
      'original_name',
      'media_type',
      'size',
      'sha256',
      'note',
      'created_at',
      'storage_key',
    ])
    .where('uploaded_by', '=', userId)
    .orderBy('document_id')
    .orderBy('number')
    .execute();
}

/** The person's CV as stored (less its search index), and where its file is; undefined without one. */
export async function cv(
  db: Executor,
  userId: number,
): Promise<{ cv: Record<string, unknown>; storage_key: string | null; size: number | null } | undefined> {
  // Every column but the internal ones, by name: the CV feature's columns may grow.
  const { rows } = await sql<{ cv: Record<string, unknown>; storage_key: string | null; size: string | null }>`
    select to_jsonb(c) - 'search_vector' - 'file_storage_key' - 'user_id' as cv,
           c.file_storage_key as storage_key, c.file_size::text as size
    from cvs c where c.user_id = ${userId}`.execute(db);
  const row = rows[0];
  return row && { cv: row.cv, storage_key: row.storage_key, size: row.size === null ? null : Number(row.size) };
}

/**
 * The person's questionnaire answers: their own responses, and every save they made (of their
 * own response or of their ente's). Empty while the questionnaires' tables do not exist.
 */
export async function surveyAnswers(db: Executor, userId: number) {
  const present = await sql<{ present: boolean }>`
    select to_regclass('public.survey_responses') is not null
       and to_regclass('public.survey_response_changes') is not null as present`.execute(db);
  if (!present.rows[0]?.present) return { responses: [], saves: [] };
  // Rows read whole, by name: the questionnaires' columns are that feature's to change.
  const [responses, saves] = await Promise.all([
    sql<{ survey_id: number; survey_title: string; response: Record<string, unknown> }>`
      select r.survey_id, s.title as survey_title, to_jsonb(r) - 'user_id' as response
      from survey_responses r join surveys s on s.id = r.survey_id
      where r.user_id = ${userId} order by r.id`.execute(db),
    sql<{ survey_id: number; survey_title: string; ente_id: number | null; save: Record<string, unknown> }>`
      select r.survey_id, s.title as survey_title, r.ente_id, to_jsonb(c) - 'changed_by' as save
      from survey_response_changes c
      join survey_responses r on r.id = c.response_id
      join surveys s on s.id = r.survey_id
      where c.changed_by = ${userId} order by c.id`.execute(db),
  ]);
  return { responses: responses.rows, saves: saves.rows };
}

/**
 * How large the export will be, roughly: the bytes of the files it carries (document
 * versions, the CV's file) and of the texts of the person's posts. Decides whether it is answered at once or built by the worker.
 */
export async function estimatedSize(db: Executor, userId: number): Promise<number> {
  const { rows } = await sql<{ bytes: string }>`
    select (
      coalesce((select sum(size) from document_versions where uploaded_by = ${userId}), 0)
      + coalesce((select sum(octet_length(body)) from posts where author_id = ${userId}), 0)
      + coalesce((select sum(octet_length(r.body)) from post_revisions r join posts p on p.id = r.post_id
                  where p.author_id = ${userId}), 0)
      + coalesce((select file_size from cvs where user_id = ${userId}), 0)
    )::text as bytes`.execute(db);
  return Number(rows[0]?.bytes ?? 0);
}

/**
 * What the person did in the newer parts of the community: their private messages (with the
 * conversation's title only), drafts, post uploads, experiences and stakeholders they wrote,
 * the sessions they were recorded at, and the identity-provider links of their account.
 */
export async function programmeAndMessages(db: Executor, userId: number) {
  const [messages, drafts, uploads, experiences, stakeholders, attendance, identities] = await Promise.all([
    db
      .selectFrom('conversation_messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.id', 'm.conversation_id', 'c.title as conversation_title', 'm.body', 'm.created_at'])
      .where('m.author_id', '=', userId)
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('post_drafts')
      .select(['thread_id', 'table_id', 'title', 'body', 'updated_at'])
      .where('user_id', '=', userId)
      .execute(),
    db
      .selectFrom('post_uploads')
      .select(['id', 'post_id', 'kind', 'name', 'media_type', 'size', 'sha256', 'created_at'])
      .where('uploader_id', '=', userId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('experiences')
      .select(['id', 'title', 'status', 'summary', 'created_at', 'updated_at'])
      .where('author_id', '=', userId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('stakeholders')
      .select(['id', 'name', 'kind', 'region', 'created_at'])
      .where('created_by', '=', userId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('session_attendance as a')
      .innerJoin('table_sessions as s', 's.id', 'a.session_id')
      .select(['s.id', 's.title', 's.starts_at', 'a.recorded_at'])
      .where('a.user_id', '=', userId)
      .orderBy('s.starts_at')
      .execute(),
    db
      .selectFrom('oidc_identities')
      .select(['issuer', 'subject', 'created_at', 'last_login_at'])
      .where('user_id', '=', userId)
      .execute(),
  ]);
  return { messages, drafts, uploads, experiences, stakeholders, attendance, identities };
}
