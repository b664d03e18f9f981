import { sql } from 'kysely';
import type { Executor } from '../../connection.js';
import type { Viewer } from '../spaces/tables.js';
import { threadAndTableVisibleTo } from './threads.js';

export interface ActivityCursor {
  createdAt: Date;
  id: number;
}

/**
 * The newest posts (first posts of threads and replies) in the tables the viewer may read,
 * newest first, keyset-paginated over (created_at, id). Deleted and hidden posts are left out:
 * the list points at something to read. Walks `posts_created_idx` backwards until it has enough.
 */
export function latestPosts(
  db: Executor,
  viewer: Viewer,
  cursor: ActivityCursor | undefined,
  limit: number,
  authorId?: number,
) {
  let query = db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'posts.number',
      'posts.created_at',
      'posts.author_id',
      'users.display_name as author_name',
      'users.handle as author_handle',
      'threads.title as thread_title',
      'threads.kind as thread_kind',
      'threads.table_id',
      'tables.name as table_name',
    ])
    .where(threadAndTableVisibleTo(viewer))
    .where('posts.deleted_at', 'is', null)
    .where('posts.hidden_at', 'is', null)
    .orderBy('posts.created_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(limit);
  if (cursor) {
    query = query.where(sql<boolean>`(posts.created_at, posts.id) < (${cursor.createdAt}, ${cursor.id})`);
  }
  // One person's posts walk `posts_author_idx` instead.
  if (authorId !== undefined) query = query.where('posts.author_id', '=', authorId);
  return query.execute();
}

export type ActivityRow = Awaited<ReturnType<typeof latestPosts>>[number];
