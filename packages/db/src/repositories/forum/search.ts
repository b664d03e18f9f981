import { type SelectQueryBuilder, sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { ThreadKind } from '../../schema.js';
import { TS_ITALIAN, tsQuery } from '../../text-search.js';
import type { Viewer } from '../spaces/tables.js';
import { threadAndTableVisibleTo } from './threads.js';

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

/** How many of the newest matches relevance ranking considers. */
export const RANKED_CANDIDATES = 1_000;

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
  const query = tsQuery(text);
  let matches = db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .select(['posts.id', 'posts.search_vector'])
    .where(sql<boolean>`posts.search_vector @@ ${query}`)
    .where('posts.deleted_at', 'is', null)
    .where('posts.hidden_at', 'is', null)
    .where(threadAndTableVisibleTo(viewer))
    .orderBy('posts.id', 'desc');
  if (filters.tableId !== undefined) matches = matches.where('threads.table_id', '=', filters.tableId);
  if (filters.focusArea !== undefined) matches = matches.where('threads.focus_area', '=', filters.focusArea);
  if (filters.kind !== undefined) matches = matches.where('threads.kind', '=', filters.kind);
  if (filters.authorId !== undefined) matches = matches.where('posts.author_id', '=', filters.authorId);
  if (filters.from !== undefined) matches = matches.where('posts.created_at', '>=', filters.from);
  if (filters.to !== undefined) matches = matches.where('posts.created_at', '<', filters.to);

  let hits: SelectQueryBuilder<any, any, { id: number; rank: number }>;
  if (sort === 'relevance') {
    // Ranking every match of a common word is what makes full-text search slow on a large
    // forum; relevance is judged among the most recent RANKED_CANDIDATES matches instead.
    const rank = sql<number>`ts_rank(c.search_vector, ${query})::float8`;
    hits = db
      .selectFrom(matches.limit(RANKED_CANDIDATES).as('c'))
      .select(['c.id', rank.as('rank')])
      .orderBy(rank, 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit);
    if (cursor?.sort === 'relevance')
      hits = hits.where(sql<boolean>`(${rank}, c.id) < (${cursor.rank}::float8, ${cursor.id})`);
  } else {
    let recent = matches.limit(limit);
    if (cursor) recent = recent.where('posts.id', '<', cursor.id);
    hits = db.selectFrom(recent.as('c')).select(['c.id', sql<number>`0::float8`.as('rank')]);
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
      sql<string>`ts_headline(${sql.lit(TS_ITALIAN)}::regconfig, posts.body, ${query}, ${`StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`})`.as(
        'snippet',
      ),
      sql<string>`ts_headline(${sql.lit(TS_ITALIAN)}::regconfig, threads.title, ${query}, ${`StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`})`.as(
        'title_snippet',
      ),
    ])
    .orderBy(sort === 'relevance' ? 'hit.rank' : 'posts.id', 'desc')
    .orderBy('posts.id', 'desc')
    .execute();
}

/** Bounds the searches of this transaction, so one costly query cannot hold a connection for long. */
export async function limitStatementTime(db: Tx, milliseconds: number): Promise<void> {
  await sql`select set_config('statement_timeout', ${String(milliseconds)}, true)`.execute(db);
}
