import { type ExpressionBuilder, type InsertObject, type RawBuilder, sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { DB, PostRow } from '../../schema.js';
import { tsVector } from '../../text-search.js';

/**
 * The searchable text of a post, in Italian and in English so either language's words find
 * it; the first post of a thread also carries the title, weighted above the body.
 */
export function searchVector(text: string, title?: string): RawBuilder<string> {
  const body = tsVector(text);
  if (title === undefined) return body;
  return sql<string>`setweight(${tsVector(title)}, 'A') || ${body}`;
}

const POST_COLUMNS = [
  'posts.id',
  'posts.thread_id',
  'posts.number',
  'posts.author_id',
  'posts.reply_to_post_id',
  'posts.body',
  'posts.body_html',
  'posts.like_count',
  'posts.created_at',
  'posts.edited_at',
  'posts.deleted_at',
  'posts.deleted_by',
  'posts.hidden_at',
  'posts.hidden_by',
] as const;

export function insert(db: Tx, post: InsertObject<DB, 'posts'>): Promise<PostRow> {
  return db.insertInto('posts').values(post).returning(POST_COLUMNS).executeTakeFirstOrThrow();
}

export function findById(db: Executor, id: number): Promise<PostRow | undefined> {
  return db.selectFrom('posts').select(POST_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function lockById(db: Tx, id: number): Promise<PostRow | undefined> {
  return db.selectFrom('posts').select(POST_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function belongsToThread(db: Executor, postId: number, threadId: number): Promise<boolean> {
  const row = await db
    .selectFrom('posts')
    .select('id')
    .where('id', '=', postId)
    .where('thread_id', '=', threadId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Author name and the viewer's own reaction, selected alongside each post. */
function withAuthorAndMine(viewerId: number) {
  return (eb: ExpressionBuilder<DB, 'posts' | 'users'>) => [
    'users.display_name as author_name' as const,
    'users.handle as author_handle' as const,
    'users.role as author_role' as const,
    eb
      .exists(
        eb
          .selectFrom('post_reactions')
          .select('post_reactions.post_id')
          .whereRef('post_reactions.post_id', '=', 'posts.id')
          .where('post_reactions.user_id', '=', viewerId),
      )
      .$castTo<boolean>()
      .as('liked_by_me'),
  ];
}

/** A page of a thread by post number: the unique (thread_id, number) index serves it. */
/** When this author last posted in this thread (deleted posts count: slow mode is about pace). */
export async function lastPostedAt(db: Executor, threadId: number, authorId: number): Promise<Date | undefined> {
  const row = await db
    .selectFrom('posts')
    .select('created_at')
    .where('thread_id', '=', threadId)
    .where('author_id', '=', authorId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at;
}

export function page(db: Executor, threadId: number, afterNumber: number, limit: number, viewerId: number) {
  return db
    .selectFrom('posts')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select(POST_COLUMNS)
    .select(withAuthorAndMine(viewerId))
    .where('posts.thread_id', '=', threadId)
    .where('posts.number', '>', afterNumber)
    .orderBy('posts.number')
    .limit(limit)
    .execute();
}

export type PostPageRow = Awaited<ReturnType<typeof page>>[number];

export function findPageRow(db: Executor, postId: number, viewerId: number): Promise<PostPageRow | undefined> {
  return db
    .selectFrom('posts')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select(POST_COLUMNS)
    .select(withAuthorAndMine(viewerId))
    .where('posts.id', '=', postId)
    .executeTakeFirst();
}

export function updateBody(
  db: Tx,
  id: number,
  changes: { body: string; body_html: string; edited_at: Date; search_vector: RawBuilder<string> },
): Promise<PostRow> {
  return db.updateTable('posts').set(changes).where('id', '=', id).returning(POST_COLUMNS).executeTakeFirstOrThrow();
}

export function setDeleted(db: Tx, id: number, by: number, at: Date): Promise<PostRow> {
  return db
    .updateTable('posts')
    .set({ deleted_at: at, deleted_by: by })
    .where('id', '=', id)
    .returning(POST_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function setHidden(db: Tx, id: number, by: number | null, at: Date | null): Promise<PostRow> {
  return db
    .updateTable('posts')
    .set({ hidden_at: at, hidden_by: by })
    .where('id', '=', id)
    .returning(POST_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Keeps the title searchable when it changes: it lives in the first post's vector. */
export async function refreshFirstPostVector(
  db: Tx,
  threadId: number,
  title: string,
  plainText: string,
): Promise<void> {
  await db
    .updateTable('posts')
    .set({ search_vector: searchVector(plainText, title) })
    .where('thread_id', '=', threadId)
    .where('number', '=', 1)
    .execute();
}

export async function insertRevision(
  db: Tx,
  revision: { post_id: number; body: string; body_html: string; editor_id: number | null; written_at: Date },
): Promise<void> {
  await db.insertInto('post_revisions').values(revision).execute();
}

export function listRevisions(db: Executor, postId: number) {
  return db
    .selectFrom('post_revisions')
    .leftJoin('users', 'users.id', 'post_revisions.editor_id')
    .select([
      'post_revisions.id',
      'post_revisions.body',
      'post_revisions.body_html',
      'post_revisions.written_at',
      'post_revisions.replaced_at',
      'post_revisions.editor_id',
      'users.display_name as editor_name',
    ])
    .where('post_revisions.post_id', '=', postId)
    .orderBy('post_revisions.id')
    .execute();
}

export async function insertMentions(db: Tx, postId: number, userIds: readonly number[]): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('post_mentions')
    .values(userIds.map((user_id) => ({ post_id: postId, user_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Adds or removes the viewer's like and returns the new count; a repeat is a no-op. */
export async function setLike(db: Tx, postId: number, userId: number, liked: boolean): Promise<number> {
  const changed = liked
    ? await db
        .insertInto('post_reactions')
        .values({ post_id: postId, user_id: userId, kind: 'like' })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst()
        .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0n))
    : await db
        .deleteFrom('post_reactions')
        .where('post_id', '=', postId)
        .where('user_id', '=', userId)
        .where('kind', '=', 'like')
        .executeTakeFirst()
        .then((r) => -Number(r.numDeletedRows));
  const row = await db
    .updateTable('posts')
    .set((eb) => ({ like_count: eb('like_count', '+', changed) }))
    .where('id', '=', postId)
    .returning('like_count')
    .executeTakeFirstOrThrow();
  return row.like_count;
}
