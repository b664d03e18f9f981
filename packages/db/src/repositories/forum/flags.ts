import { type ExpressionBuilder, sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { DB, FlagRow } from '../../schema.js';
import type { Viewer } from '../spaces/tables.js';

/** Returns undefined when this user already has an open flag on the post. */
export async function insert(
  db: Executor,
  flag: { post_id: number; user_id: number; reason: string },
): Promise<FlagRow | undefined> {
  return (
    db
      .insertInto('flags')
      .values(flag)
      // The partial index's predicate as a literal: PostgreSQL matches it to the index when it
      // plans, and a prepared statement's generic plan does not know a parameter's value.
      .onConflict((oc) => oc.columns(['post_id', 'user_id']).where('status', '=', sql<'open'>`'open'`).doNothing())
      .returningAll()
      .executeTakeFirst()
  );
}

export function findById(db: Executor, id: number): Promise<FlagRow | undefined> {
  return db.selectFrom('flags').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Tables the viewer moderates: their memberships (every table for admins). */
function inModeratedTable(moderator: Viewer) {
  return (eb: ExpressionBuilder<DB, 'threads'>) =>
    moderator.role === 'admin'
      ? eb.lit(true)
      : eb.exists(
          eb
            .selectFrom('table_members')
            .select('table_members.user_id')
            .whereRef('table_members.table_id', '=', 'threads.table_id')
            .where('table_members.user_id', '=', moderator.id),
        );
}

/** How many open flags wait in the tables the viewer moderates, for the menu's badge. */
export async function countOpen(db: Executor, moderator: Viewer): Promise<number> {
  const row = await db
    .selectFrom('flags')
    .innerJoin('posts', 'posts.id', 'flags.post_id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('flags.status', '=', 'open')
    .where(inModeratedTable(moderator))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Open flags on posts in tables the viewer moderates (all tables for admins), oldest first. */
export function listOpen(db: Executor, moderator: Viewer, options: { limit: number; afterId?: number }) {
  let query = db
    .selectFrom('flags')
    .innerJoin('posts', 'posts.id', 'flags.post_id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('users as flagger', 'flagger.id', 'flags.user_id')
    .innerJoin('users as author', 'author.id', 'posts.author_id')
    .select([
      'flags.id',
      'flags.reason',
      'flags.created_at',
      'flags.post_id',
      'posts.number as post_number',
      'posts.body_html',
      'posts.hidden_at',
      'threads.id as thread_id',
      'threads.title as thread_title',
      'threads.table_id',
      'flagger.id as flagger_id',
      'flagger.display_name as flagger_name',
      'author.id as author_id',
      'author.display_name as author_name',
    ])
    .where('flags.status', '=', 'open')
    .where(inModeratedTable(moderator))
    .orderBy('flags.id')
    .limit(options.limit);
  if (options.afterId !== undefined) query = query.where('flags.id', '>', options.afterId);
  return query.execute();
}

/** Resolves every open flag on the post with the same decision. */
export function resolveForPost(db: Tx, postId: number, resolution: 'hide' | 'dismiss', by: number, at: Date) {
  return db
    .updateTable('flags')
    .set({ status: 'resolved', resolution, resolved_by: by, resolved_at: at })
    .where('post_id', '=', postId)
    .where('status', '=', 'open')
    .returning('id')
    .execute();
}
