import type { DocumentDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { THREAD_KINDS } from '../forum/listing.js';
import { postHref } from '../forum/post-lookup.js';
import { type FormError, formErrorMessage, select } from '../ui/form.js';
import { html, raw } from '../ui/html.js';
import { timeTag } from '../ui/time.js';

export interface SearchQuery {
  q: string;
  tableId: string;
  focusArea: string;
  kind: string;
  sort: 'relevance' | 'recent';
}

export interface SearchResult {
  postNumber: number;
  threadId: number;
  /** Already escaped by the search service, with only `<mark>` added around the matches. */
  titleHtml: string;
  snippetHtml: string;
  tableId: number;
  author: { displayName: string };
  createdAt: string;
}

export interface SearchView {
  query: SearchQuery;
  results: readonly SearchResult[] | null;
  moreHref: string | null;
  error?: FormError | null;
  tables: ReadonlyArray<{ id: number; name: string }>;
  focusAreas: ReadonlyMap<string, string>;
  /** The documents the words find (first page only), with a link to the library for more. */
  documents?: { items: readonly DocumentDto[]; moreHref: string | null };
}

function searchForm(ctx: PageContext, view: SearchView) {
  const { t } = ctx;
  const { query } = view;
  const all = { value: '', label: t('filters.all') };
  const invalid = view.error ? html` aria-invalid="true"` : '';
  return html`${formErrorMessage(ctx, 'search', view.error)}
    <form method="get" action="/cerca" id="search" role="search" class="mb-4">
      <div class="form-group">
        <label for="search-q" class="active">${t('search.label')}</label>
        <input type="search" id="search-q" name="q" class="form-control" value="${query.q}" maxlength="200"
          aria-describedby="search-hint${view.error ? ' search-error' : ''}"${invalid}>
        <small id="search-hint" class="form-text">${t('search.hint')}</small>
      </div>
      <div class="row">
        <div class="col-12 col-md-6 col-lg-3">${select(ctx, {
          id: 'search-table',
          name: 'tavolo',
          label: t('filters.table'),
          selected: query.tableId,
          options: [all, ...view.tables.map((table) => ({ value: String(table.id), label: table.name }))],
        })}</div>
        <div class="col-12 col-md-6 col-lg-3">${select(ctx, {
          id: 'search-area',
          name: 'area',
          label: t('filters.focusArea'),
          selected: query.focusArea,
          options: [all, ...[...view.focusAreas].map(([value, label]) => ({ value, label }))],
        })}</div>
        <div class="col-12 col-md-6 col-lg-3">${select(ctx, {
          id: 'search-kind',
          name: 'tipo',
          label: t('filters.kind'),
          selected: query.kind,
          options: [all, ...THREAD_KINDS.map((kind) => ({ value: kind, label: t(`threadKind.${kind}`) }))],
        })}</div>
        <div class="col-12 col-md-6 col-lg-3">${select(ctx, {
          id: 'search-sort',
          name: 'ordine',
          label: t('search.sort'),
          selected: query.sort,
          options: [
            { value: 'relevance', label: t('search.sortRelevance') },
            { value: 'recent', label: t('search.sortRecent') },
          ],
        })}</div>
      </div>
      <button type="submit" class="btn btn-primary">${t('search.submit')}</button>
    </form>`;
}

function results(ctx: PageContext, view: SearchView) {
  const { t } = ctx;
  const list = view.results;
  if (list === null) return '';
  const tableNames = new Map(view.tables.map((table) => [table.id, table.name]));
  const body =
    list.length === 0
      ? html`<p>${t('search.empty', { q: view.query.q })}</p>`
      : html`<ol class="search-results list-unstyled">${list.map(
          (r) => html`<li class="search-result">
            <h3 class="h5 mb-1"><a href="${postHref(r.threadId, r.postNumber)}">${raw(r.titleHtml)}</a></h3>
            <p class="mb-1">${raw(r.snippetHtml)}</p>
            <p class="small text-secondary mb-0">${tableNames.get(r.tableId) ?? ''} · ${r.author.displayName} · ${timeTag(ctx, r.createdAt)}</p>
          </li>`,
        )}</ol>
        ${view.moreHref ? html`<p><a class="btn btn-outline-primary" href="${view.moreHref}">${t('search.more')}</a></p>` : ''}`;
  return html`<section aria-labelledby="results-title"><h2 class="h4" id="results-title">${t('search.results')}</h2>${body}</section>`;
}

function documents(ctx: PageContext, view: SearchView) {
  const { t } = ctx;
  const found = view.documents;
  if (!found || found.items.length === 0) return '';
  return html`<section aria-labelledby="documents-title" class="mt-5"><h2 class="h4" id="documents-title">${t('search.documents')}</h2>
    <ul class="list-unstyled">${found.items.map(
      (d) => html`<li class="search-result"><h3 class="h6 mb-1"><a href="/documenti/${d.id}">${d.title}</a></h3>
        <p class="small text-secondary mb-0">${t(`documentKind.${d.kind}`)} · ${t(`documentStatus.${d.status}`)}</p></li>`,
    )}</ul>
    ${found.moreHref ? html`<p><a href="${found.moreHref}">${t('search.moreDocuments')}</a></p>` : ''}
  </section>`;
}

export const searchPage = (ctx: PageContext, view: SearchView) =>
  html`<h1 class="mb-3">${ctx.t('search.title')}</h1>${searchForm(ctx, view)}${results(ctx, view)}${documents(ctx, view)}`;
