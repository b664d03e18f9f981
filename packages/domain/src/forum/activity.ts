import { type ActivityRow, activityRepo } from '@hubspoke/db';
import type { Actor } from '../permissions.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';

/** One new post as a line of "what happened": who wrote where, and whether it opened the thread. */
export function activityToDto(row: ActivityRow) {
  return {
    postId: row.id,
    threadId: row.thread_id,
    postNumber: row.number,
    opensThread: row.number === 1,
    threadTitle: row.thread_title,
    threadKind: row.thread_kind,
    table: { id: row.table_id, name: row.table_name },
    author: { id: row.author_id, displayName: row.author_name, handle: row.author_handle },
    createdAt: row.created_at.toISOString(),
  };
}

export type ActivityDto = ReturnType<typeof activityToDto>;

const isActivityCursor = (v: any): v is { c: string; i: number } =>
  typeof v?.c === 'string' && !Number.isNaN(Date.parse(v.c)) && Number.isSafeInteger(v?.i);

/**
 * The newest threads and replies the actor may read, across all tables, newest first. The same
 * table rule as every thread list applies in the query itself, so one query serves the page.
 */
export async function latestActivity(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { cursor?: string; limit?: number; authorId?: number } = {},
) {
  const limit = pageSize(input.limit);
  const cursor = decodeCursor(input.cursor, isActivityCursor);
  const rows = await activityRepo.latestPosts(
    deps.db,
    actor,
    cursor ? { createdAt: new Date(cursor.c), id: cursor.i } : undefined,
    limit + 1,
    input.authorId,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(activityToDto),
    nextCursor: rows.length > limit && last ? encodeCursor({ c: last.created_at.toISOString(), i: last.id }) : null,
  };
}
