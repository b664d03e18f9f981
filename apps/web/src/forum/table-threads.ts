import type { UserRow } from '@hubspoke/db';
import type { TableDto } from '@hubspoke/domain';
import { canPostInTable, type Deps, ownWatchLevels } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { html, type SafeHtml } from '../ui/html.js';
import { icon } from '../ui/icon.js';
import { focusAreaNames, type ListingQuery, listingHref, loadListing, readListing } from './listing.js';
import { threadFilters } from './thread-filters.view.js';
import { threadList } from './thread-list.view.js';
import { watchLevelForm } from './watch-level.view.js';

/**
 * The threads section of a table's page: start a thread, follow the table, filter, and the list
 * (pinned first, then by activity, one keyset page at a time).
 */
export async function tableThreads(
  deps: Deps,
  ctx: PageContext,
  user: UserRow,
  table: TableDto,
  query: ListingQuery,
): Promise<SafeHtml> {
  const { t } = ctx;
  const areas = await focusAreaNames(deps, ctx);
  const { tableId: _ignored, ...listing } = readListing(query, [...areas.keys()]);
  const path = `/tavoli/${table.id}`;
  const [page, levels] = await Promise.all([
    loadListing(deps, user, { ...listing, tableId: table.id }),
    ownWatchLevels(deps, user),
  ]);
  const canPost = canPostInTable(user, table.isMember);
  return html`<div class="d-flex flex-wrap gap-3 align-items-end justify-content-between mb-2">
      ${
        canPost
          ? html`<div class="d-flex flex-wrap gap-2">
              <a class="btn btn-primary" href="/discussioni/nuova?tavolo=${table.id}">${icon('plus', 'icon-white icon-sm me-1')}${t('threads.new')}</a>
              <a class="btn btn-outline-primary" href="/documenti/nuovo?tavolo=${table.id}">${t('documents.share')}</a>
            </div>`
          : html`<p class="small text-secondary mb-0">${t('threads.readOnly')}</p>`
      }
      ${watchLevelForm(ctx, { id: 'table-watch', action: `${path}/notifiche`, level: levels.table(table.id), hint: t('watch.tableHint') })}
    </div>
    ${threadFilters(ctx, { action: path, listing, focusAreas: areas })}
    ${threadList(ctx, {
      threads: page.items,
      names: { focusAreas: areas },
      moreHref: page.nextCursor ? listingHref(path, listing, page.nextCursor) : null,
      firstHref: listing.cursor ? listingHref(path, listing) : null,
      level: 3,
    })}`;
}
