import { sql } from 'kysely';
import type { Executor } from '../../connection.js';
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

export interface SearchOptions {
  /**
   * How long all of the search's statements may take together; past it the search fails with
   * PostgreSQL's statement-timeout error (code 57014). Meant for a caller's transaction.
   */
  timeLimitMs?: number;
}

/** Marks around matches; control characters never survive in stored posts, so they cannot collide. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

/** How many of the newest matches relevance ranking considers. */
export const RANKED_CANDIDATES = 1_000;

/**
 * Two ways to find a window's newest matches. `walk`: down the primary key, testing each post's
 * vector, stopping at enough matches; every post looked at costs a read of its (often
 * TOASTed) vector, so it suits a word found in a good share of posts. `index`: the GIN
 * bitmap ANDed with the window's key range, reading only matching posts; its cost grows with
 * the word's count in the whole table, so it suits the rarer words. PostgreSQL's planner
 * cannot weigh the two (it does not count the reading of TOASTed vectors), so the search
 * chooses: walking costs about WALK_COST_PER_POST times an index entry of the word.
 */
export type Way = 'walk' | 'index';
const WALK_COST_PER_POST = 20;
/** The smallest window: below it another statement costs more than the posts it spares. */
export const MIN_WINDOW = 500;
/**
 * How much wider than the density so far predicts a window is. A walk stops at enough matches,
 * and its next window is cheap; a GIN window reads all of the word's entries again, so it is
 * made wide, a few more matching posts costing less.
 */
const WINDOW_SLACK: Record<Way, number> = { walk: 2, index: 4 };
/** A window with no match at all says little about the density: the next one is this many times wider. */
const EMPTY_WINDOW_GROWTH = 8;
/** Big enough that a common word's GIN bitmap stays exact (a lossy page is re-read post by post). */
const SEARCH_WORK_MEM = '32MB';

const timedOut = () =>
  Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' as const });

/**
 * Full-text search over visible, live posts (titles ride in first posts), newest first or by
 * relevance among the newest RANKED_CANDIDATES matches.
 *
 * A common word's GIN bitmap covers a good share of the table, and finding its newest matches
 * that way means visiting every matching post. So matches are looked for in windows of post
 * ids from the newest backwards, each window walked down the primary key or read through the
 * GIN bitmap ANDed with the key's range (see `Way`), the windows sized from the planner's
 * estimate of the word and then from the matches found, until there are enough or no older
 * posts remain. The result is exactly the newest matches, whatever their spread. Permissions
 * and filters are in every window's statement; ranks are computed for the candidates only,
 * snippets for the returned page only.
 */
export async function search(
  db: Executor,
  viewer: Viewer,
  text: string,
  filters: SearchFilters,
  sort: 'relevance' | 'recent',
  cursor: SearchCursor | undefined,
  limit: number,
  options: SearchOptions = {},
) {
  const started = performance.now();
  const query = tsQuery(text);

  // Set before each statement: planned for its own words and window (a generic plan made for
  // unknown ones, as the pool prepares statements by name, can pick a bitmap over a whole common
  // word), and for the GIN way without plain index scans, which would test every post of the
  // window's key range as a walk does (the planner does not count the reading of vectors).
  const settle = async (way?: Way) => {
    const settings = sql`set_config('plan_cache_mode', 'force_custom_plan', true), set_config('work_mem', ${SEARCH_WORK_MEM}, true), set_config('enable_indexscan', ${way === 'index' ? 'off' : 'on'}, true)`;
    if (options.timeLimitMs === undefined) {
      await sql`select ${settings}`.execute(db);
    } else {
      // What is left of the search's time, so its statements together stay within it.
      const left = Math.floor(options.timeLimitMs - (performance.now() - started));
      if (left <= 0) throw timedOut();
      await sql`select ${settings}, set_config('statement_timeout', ${String(left)}, true)`.execute(db);
    }
  };

  const matching = (below: number, atLeast: number | undefined, way: Way) => {
    let matches = db
      .selectFrom('posts')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .innerJoin('tables', 'tables.id', 'threads.table_id')
      // `is true` (the same for a vector and a query, never null) is a test the GIN index
      // cannot serve, so a walk stays a walk.
      .where(
        way === 'walk'
          ? sql<boolean>`(posts.search_vector @@ ${query}) is true`
          : sql<boolean>`posts.search_vector @@ ${query}`,
      )
      .where('posts.deleted_at', 'is', null)
      .where('posts.hidden_at', 'is', null)
      .where(threadAndTableVisibleTo(viewer))
      .where('posts.id', '<', below);
    if (atLeast !== undefined) matches = matches.where('posts.id', '>=', atLeast);
    if (filters.tableId !== undefined) matches = matches.where('threads.table_id', '=', filters.tableId);
    if (filters.focusArea !== undefined) matches = matches.where('threads.focus_area', '=', filters.focusArea);
    if (filters.kind !== undefined) matches = matches.where('threads.kind', '=', filters.kind);
    if (filters.authorId !== undefined) matches = matches.where('posts.author_id', '=', filters.authorId);
    if (filters.from !== undefined) matches = matches.where('posts.created_at', '>=', filters.from);
    if (filters.to !== undefined) matches = matches.where('posts.created_at', '<', filters.to);
    return matches;
  };

  await settle();
  const bounds = await db
    .selectFrom('posts')
    .select((eb) => [eb.fn.min('posts.id').as('lowest'), eb.fn.max('posts.id').as('highest')])
    .executeTakeFirst();
  if (bounds?.lowest == null || bounds.highest == null) return [];
  const lowest = Number(bounds.lowest);
  const below = cursor?.sort === 'recent' ? cursor.id : Number(bounds.highest) + 1;
  // The planner's estimate of the word's posts, from the column's statistics of lexemes.
  const estimate = await sql<{
    'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }>;
  }>`explain (format json) select 1 from posts where posts.search_vector @@ ${query}`.execute(db);
  const total = Number(bounds.highest) - lowest + 1;
  const wordPosts = Math.max(1, Math.min(total, estimate.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? total));
  const look = <T extends { id: number }>(wanted: number, fetch: Fetch<T>) =>
    newestMatches(below, lowest, wanted, wordPosts / total, wordPosts, fetch);

  let hits: Array<{ id: number; rank: number }>;
  if (sort === 'relevance') {
    // Ranking every match of a common word is what makes full-text search slow on a large
    // forum; relevance is judged among the most recent RANKED_CANDIDATES matches instead.
    const rank = sql<number>`ts_rank(c.search_vector, ${query})::float8`;
    const candidates = await look(RANKED_CANDIDATES, async (before, atLeast, take, way) => {
      await settle(way);
      return db
        .selectFrom(
          matching(before, atLeast, way)
            .select(['posts.id', 'posts.search_vector'])
            .orderBy(newestFirst(way), 'desc')
            .limit(take)
            .as('c'),
        )
        .select(['c.id', rank.as('rank')])
        .execute();
    });
    const after = cursor?.sort === 'relevance' ? cursor : undefined;
    hits = candidates
      .filter((c) => !after || c.rank < after.rank || (c.rank === after.rank && c.id < after.id))
      .sort((a, b) => b.rank - a.rank || b.id - a.id)
      .slice(0, limit);
  } else {
    const newest = await look(limit, async (before, atLeast, take, way) => {
      await settle(way);
      return matching(before, atLeast, way).select('posts.id').orderBy(newestFirst(way), 'desc').limit(take).execute();
    });
    hits = newest.map((m) => ({ id: m.id, rank: 0 }));
  }
  if (hits.length === 0) return [];

  await settle();
  // The page's ids and ranks go back as arrays; the checks are repeated so that nothing the
  // viewer may not read is ever returned, even should it change between statements.
  const page = sql<{
    id: number;
    rank: number;
  }>`(select * from unnest(${hits.map((h) => h.id)}::bigint[], ${hits.map((h) => h.rank)}::float8[]) as u(id, rank))`;
  return db
    .selectFrom(page.as('hit'))
    .innerJoin('posts', 'posts.id', 'hit.id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('tables', 'tables.id', 'threads.table_id')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .where('posts.deleted_at', 'is', null)
    .where('posts.hidden_at', 'is', null)
    .where(threadAndTableVisibleTo(viewer))
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

/** `id + 0` orders the same but matches no index, so only the GIN bitmap way is left to the planner. */
const newestFirst = (way: Way) => (way === 'walk' ? sql`posts.id` : sql`posts.id + 0`);

/**
 * The newest `take` matches with `atLeast <= id < before` (no lower bound when `atLeast` is
 * undefined), newest first, found the given way.
 */
export type Fetch<T> = (before: number, atLeast: number | undefined, take: number, way: Way) => Promise<T[]>;

/** Whether walking the key is cheaper than the GIN bitmap, for a window that should hold `needed` matches. */
export function wayFor(needed: number, density: number, wordPosts: number): Way {
  return (needed / density) * WALK_COST_PER_POST <= wordPosts ? 'walk' : 'index';
}

/**
 * The `wanted` newest matches with ids below `below`, newest first, looked for window by window
 * down to `lowest`. `share` is the expected share of posts that match (the planner's, for the
 * whole table: permissions and filters only lower it), `wordPosts` how many posts hold the
 * word; each next window is sized and its way chosen from the matches found so far.
 */
export async function newestMatches<T extends { id: number }>(
  below: number,
  lowest: number,
  wanted: number,
  share: number,
  wordPosts: number,
  fetch: Fetch<T>,
): Promise<T[]> {
  const found: T[] = [];
  let before = below;
  let density = share;
  let way = wayFor(wanted, density, wordPosts);
  let width = Math.ceil((wanted / density) * WINDOW_SLACK[way]);
  while (found.length < wanted && before > lowest) {
    const needed = wanted - found.length;
    const atLeast = before - Math.max(MIN_WINDOW, width);
    // A last sliver of the table is taken in along with this window rather than on its own.
    const last = atLeast - lowest < width / 2;
    found.push(...(await fetch(before, last ? undefined : atLeast, needed, way)));
    if (last) break;
    const scanned = below - atLeast;
    density = found.length > 0 ? found.length / scanned : Math.min(density / EMPTY_WINDOW_GROWTH, 1 / scanned);
    way = wayFor(wanted - found.length, density, wordPosts);
    width = Math.max(2 * (before - atLeast), Math.ceil(((wanted - found.length) / density) * WINDOW_SLACK[way]));
    before = atLeast;
  }
  return found;
}
