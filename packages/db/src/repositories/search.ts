import { sql } from 'kysely';
import type { Executor } from '../connection.js';
import type { ThreadKind } from '../schema.js';
import { tableVisibleTo, type Viewer } from './tables.js';

export interface SearchFilters {
  tableId?: number;
  focusArea?: string;
  kind?: ThreadKind;
  authorId?: number;
  from?: Date;
  to?: Date;
}

export type SearchCursor = { sort: 'relevance'; rank: number; id: number } | { sort: 'recent'; id: number };

/** Marks around matches; control characters never survive in stored posts, so they cannot collide. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/**
 * Full-text search over visible, live posts (titles ride in first posts). The GIN index finds
 * candidates; snippets are computed for the returned page only.
 */
export function search(
  db: Executor,
  viewer: Viewer,
  text: string,
  filters: SearchFilters,
  sort: 'relevance' | 'recent',
  cursor: SearchCursor | undefined,
  limit: number,
) {
  const query = sql`(websearch_to_tsquery('italian', ${text}) || websearch_to_tsquery('english', ${text}))`;
  const rank = sql<number>`ts_rank(posts.search_vector, ${query})::float8`;
  let hits = db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .select(['posts.id', rank.as('rank')])
    .where(sql<boolean>`posts.search_vector @@ ${query}`)
    .where('posts.deleted_at', 'is', null)
    .where('posts.hidden_at', 'is', null)
    .where(tableVisibleTo(viewer))
    .limit(limit);
  if (filters.tableId !== undefined) hits = hits.where('threads.table_id', '=', filters.tableId);
  if (filters.focusArea !== undefined) hits = hits.where('threads.focus_area', '=', filters.focusArea);
  if (filters.kind !== undefined) hits = hits.where('threads.kind', '=', filters.kind);
  if (filters.authorId !== undefined) hits = hits.where('posts.author_id', '=', filters.authorId);
  if (filters.from !== undefined) hits = hits.where('posts.created_at', '>=', filters.from);
  if (filters.to !== undefined) hits = hits.where('posts.created_at', '<', filters.to);
  if (sort === 'relevance') {
    hits = hits.orderBy(rank, 'desc').orderBy('posts.id', 'desc');
    if (cursor?.sort === 'relevance')
      hits = hits.where(sql<boolean>`(${rank}, posts.id) < (${cursor.rank}::float8, ${cursor.id})`);
  } else {
    hits = hits.orderBy('posts.id', 'desc');
    if (cursor) hits = hits.where('posts.id', '<', cursor.id);
  }

  return db
    .selectFrom(hits.as('hit'))
    .innerJoin('posts', 'posts.id', 'hit.id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select([
      'posts.id',
      'posts.number',
      'posts.created_at',
      'posts.thread_id',
      'threads.title',
      'threads.table_id',
      'threads.focus_area',
      'threads.kind',
      'users.id as author_id',
      'users.display_name as author_name',
      'hit.rank',
      sql<string>`ts_headline('italian', posts.body, ${query}, ${`StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})`.as(
        'snippet',
      ),
      sql<string>`ts_headline('italian', threads.title, ${query}, ${`StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`})`.as(
        'title_snippet',
      ),
    ])
    .orderBy(sort === 'relevance' ? 'hit.rank' : 'posts.id', 'desc')
    .orderBy('posts.id', 'desc')
    .execute();
}
