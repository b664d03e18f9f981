import type { TableRow, WatchLevel } from '@hubspoke/db';
import type { ThreadDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import type { Listing } from '../forum/listing.js';
import { threadFilters } from '../forum/thread-filters.view.js';
import { threadList } from '../forum/thread-list.view.js';
import { watchLevelForm } from '../forum/watch-level.view.js';
import { section } from '../ui/cards.js';
import { html } from '../ui/html.js';
import { icon } from '../ui/icon.js';
import type { FocusArea } from './home.page.js';

export interface FocusAreaView {
  area: FocusArea;
  listing: Listing;
  threads: readonly ThreadDto[];
  tables: readonly TableRow[];
  level: WatchLevel;
  moreHref: string | null;
  firstHref: string | null;
}

export function focusAreaPage(ctx: PageContext, view: FocusAreaView) {
  const { t } = ctx;
  const { area } = view;
  const en = ctx.locale === 'en';
  const path = `/aree/${area.slug}`;
  const tableNames = new Map(view.tables.map((table) => [table.id, table.name]));
  const body = html`<div class="d-flex flex-wrap gap-3 align-items-end justify-content-between mb-2">
      <a class="btn btn-primary" href="/discussioni/nuova?area=${area.slug}">${icon('plus', 'icon-white icon-sm me-1')}${t('threads.new')}</a>
      ${watchLevelForm(ctx, { id: 'area-watch', action: `${path}/notifiche`, level: view.level, hint: t('watch.areaHint') })}
    </div>
    ${threadFilters(ctx, { action: path, listing: view.listing, tables: view.tables })}
    ${threadList(ctx, {
      threads: view.threads,
      names: { focusAreas: new Map([[area.slug, en ? area.name_en : area.name_it]]), tables: tableNames },
      moreHref: view.moreHref,
      firstHref: view.firstHref,
      level: 3,
    })}`;
  return html`<p class="mb-1 text-secondary">${t('focusArea.kicker')}</p>
    <h1 class="mb-2">${en ? area.name_en : area.name_it}</h1>
    <p class="lead mb-4">${en ? area.description_en : area.description_it}</p>
    ${section('threads', t('table.threads'), body)}`;
}
