import { searchRepo, type ThreadKind, type UserRow } from '@hubspoke/db';
import { escapeHtml } from '@hubspoke/markdown';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { AppError, invalid } from '../shared/errors.js';

/** A search never holds a database connection longer than this. */
const SEARCH_TIME_LIMIT_MS = 3_000;

export interface SearchInput {
  q: string;
  tableId?: number;
  focusArea?: string;
  kind?: ThreadKind;
  authorId?: number;
  from?: Date;
  to?: Date;
  sort?: 'relevance' | 'recent';
  cursor?: string;
  limit?: number;
}

/**
 * Snippets come from the Markdown source: they read as plain text, so the syntax goes (emphasis,
 * quote and heading marks, code ticks, link and image targets keep only their text). The match
 * markers are control characters, untouched by any of this.
 */
export function plainSnippet(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, '')
    .replace(/(\*\*|__|~~|`+)/g, '')
    .replace(/(^|[\s(])[*_]([^\s*_][^*_]*?)[*_](?=[\s).,;:!?]|$)/gm, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escape everything, then turn the match markers into <mark>. */
export function highlight(snippet: string): string {
  return escapeHtml(snippet)
    .replaceAll(searchRepo.HIGHLIGHT_START, '<mark>')
    .replaceAll(searchRepo.HIGHLIGHT_END, '</mark>');
}

const isCursor = (v: any): v is searchRepo.SearchCursor =>
  (v?.sort === 'recent' && Number.isSafeInteger(v.id)) ||
  (v?.sort === 'relevance' && typeof v.rank === 'number' && Number.isSafeInteger(v.id));

/** websearch syntax ("quoted phrases", or, -excluded) over what the actor may read. */
export async function searchPosts(deps: Pick<Deps, 'db'>, actor: UserRow, input: SearchInput) {
  const q = input.q.trim();
  if (q.length < 2 || q.length > 200) throw invalid('invalid_query', 'Search for 2 to 200 characters');
  const sort = input.sort ?? 'relevance';
  const limit = pageSize(input.limit);
  const cursor = decodeCursor(input.cursor, isCursor);
  if (cursor && cursor.sort !== sort) throw invalid('invalid_cursor', 'The cursor belongs to another sort order');
  const { q: _q, sort: _s, cursor: _c, limit: _l, ...filters } = input;
  // One snapshot for the search's several statements (its id windows, then the page).
  const rows = await deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((tx) =>
      searchRepo.search(tx, actor, q, filters, sort, cursor, limit + 1, { timeLimitMs: SEARCH_TIME_LIMIT_MS }),
    )
    .catch((error: { code?: string }) => {
      if (error.code === '57014')
        throw new AppError(503, 'search_timeout', 'This search takes too long; add words or filters');
      throw error;
    });
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map((r) => ({
      postId: r.id,
      postNumber: r.number,
      threadId: r.thread_id,
      title: r.title,
      titleHtml: highlight(r.title_snippet),
      snippetHtml: highlight(plainSnippet(r.snippet)),
      tableId: r.table_id,
      focusArea: r.focus_area,
      kind: r.kind,
      author: { id: r.author_id, displayName: r.author_name },
      createdAt: r.created_at.toISOString(),
    })),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(sort === 'relevance' ? { sort, rank: last.rank, id: last.id } : { sort, id: last.id })
        : null,
  };
}
