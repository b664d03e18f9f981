import type { PageContext } from '../context.js';
import { select } from '../ui/form.js';
import { attr, html } from '../ui/html.js';
import { type Listing, THREAD_KINDS } from './listing.js';

export interface FilterOptions {
  /** The page the form reloads, with the filters in its query string. */
  action: string;
  listing: Listing;
  /** Offered only where the list spans several areas or tables. */
  focusAreas?: ReadonlyMap<string, string>;
  tables?: ReadonlyArray<{ id: number; name: string }>;
}

/** A GET form: filtering is just another address, so it works without JavaScript and can be bookmarked. */
export function threadFilters(ctx: PageContext, o: FilterOptions) {
  const { t } = ctx;
  const all = { value: '', label: t('filters.all') };
  return html`<form method="get" action="${o.action}" class="thread-filters row g-3 align-items-end mb-3" aria-label="${t('filters.title')}">
    ${
      o.focusAreas
        ? html`<div class="col-12 col-md-4">${select(ctx, {
            id: 'filter-area',
            name: 'area',
            label: t('filters.focusArea'),
            selected: o.listing.focusArea ?? '',
            options: [all, ...[...o.focusAreas].map(([value, label]) => ({ value, label }))],
          })}</div>`
        : ''
    }
    ${
      o.tables
        ? html`<div class="col-12 col-md-4">${select(ctx, {
            id: 'filter-table',
            name: 'tavolo',
            label: t('filters.table'),
            selected: o.listing.tableId ? String(o.listing.tableId) : '',
            options: [all, ...o.tables.map((table) => ({ value: String(table.id), label: table.name }))],
          })}</div>`
        : ''
    }
    <div class="col-12 col-md-4">${select(ctx, {
      id: 'filter-kind',
      name: 'tipo',
      label: t('filters.kind'),
      selected: o.listing.kind ?? '',
      options: [all, ...THREAD_KINDS.map((kind) => ({ value: kind, label: t(`threadKind.${kind}`) }))],
    })}</div>
    <div class="col-12 col-md-auto">
      <div class="form-check my-0">
        <input type="checkbox" id="filter-new" name="nuove" value="1"${attr('checked', o.listing.onlyNew)}>
        <label for="filter-new">${t('filters.onlyNew')}</label>
      </div>
    </div>
    <div class="col-12 col-md-auto"><button type="submit" class="btn btn-primary btn-sm">${t('filters.apply')}</button></div>
  </form>`;
}
