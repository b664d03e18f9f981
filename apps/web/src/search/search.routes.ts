import { listDocuments, listVisibleTables, type SearchInput, searchPosts } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { focusAreaNames, isThreadKind } from '../forum/listing.js';
import { currentUser, idParam, sendPage } from '../respond.js';
import { type FailedForm, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { type SearchQuery, type SearchResult, type SearchView, searchPage } from './search.page.js';

const DOCUMENTS_SHOWN = 5;

type SearchRequest = {
  Querystring: { q?: string; tavolo?: string; area?: string; tipo?: string; ordine?: string; cursore?: string };
};

const searchHref = (query: SearchQuery, cursor: string) => {
  const params = new URLSearchParams({ q: query.q });
  if (query.tableId) params.set('tavolo', query.tableId);
  if (query.focusArea) params.set('area', query.focusArea);
  if (query.kind) params.set('tipo', query.kind);
  params.set('ordine', query.sort);
  params.set('cursore', cursor);
  return `/cerca?${params}`;
};

/** Full-text search over the posts the reader may see; every search is an address to share or go back to. */
const searchRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  app.get<SearchRequest>('/cerca', async (request, reply) => {
    const user = currentUser(request);
    const ctx = pageContext(request, reply, deps.config);
    const q = request.query;
    const [tables, focusAreas] = await Promise.all([listVisibleTables(deps, user), focusAreaNames(deps, ctx)]);
    const tableId = idParam(q.tavolo);
    const query: SearchQuery = {
      q: (q.q ?? '').trim(),
      tableId: tableId ? String(tableId) : '',
      focusArea: q.area && focusAreas.has(q.area) ? q.area : '',
      kind: q.tipo && isThreadKind(q.tipo) ? q.tipo : '',
      sort: q.ordine === 'recent' ? 'recent' : 'relevance',
    };
    let results: SearchResult[] | null = null;
    let moreHref: string | null = null;
    let error: FailedForm | null = null;
    let documents: SearchView['documents'];
    if (query.q) {
      const input: SearchInput = {
        q: query.q,
        sort: query.sort,
        ...(tableId ? { tableId } : {}),
        ...(query.focusArea ? { focusArea: query.focusArea } : {}),
        ...(isThreadKind(query.kind) ? { kind: query.kind } : {}),
        ...(q.cursore ? { cursor: q.cursore } : {}),
      };
      try {
        const [found, docs] = await Promise.all([
          searchPosts(deps, user, input),
          // Only on the first page: the library pages through the rest.
          q.cursore
            ? undefined
            : listDocuments(deps, user, { q: query.q, limit: DOCUMENTS_SHOWN, ...(tableId ? { tableId } : {}) }),
        ]);
        results = found.items;
        moreHref = found.nextCursor ? searchHref(query, found.nextCursor) : null;
        if (docs)
          documents = {
            items: docs.items,
            moreHref: docs.nextCursor ? `/documenti?q=${encodeURIComponent(query.q)}` : null,
          };
      } catch (caught) {
        error = toFormError(ctx, caught, ['q']);
      }
    }
    const page = searchPage(ctx, {
      query,
      results,
      moreHref,
      error,
      tables,
      focusAreas,
      ...(documents ? { documents } : {}),
    });
    return sendPage(reply, ctx, ctx.t('search.title'), page, error?.status);
  });
};

export default searchRoutes;
