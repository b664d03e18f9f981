import type { TableRow } from '@hubspoke/db';
import type { ThreadDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { html } from '../ui/html.js';
import { threadList } from './thread-list.view.js';

export interface BookmarksView {
  threads: readonly ThreadDto[];
  tables: readonly Pick<TableRow, 'id' | 'name'>[];
  areas: ReadonlyMap<string, string>;
  moreHref: string | null;
  firstHref: string | null;
}

/** The threads the reader bookmarked, most recently active first, as far as they may still read them. */
export function bookmarksPage(ctx: PageContext, view: BookmarksView) {
  const { t } = ctx;
  const body =
    view.threads.length === 0 && !view.firstHref
      ? html`<p>${t('bookmarks.empty')}</p>`
      : threadList(ctx, {
          threads: view.threads,
          names: { focusAreas: view.areas, tables: new Map(view.tables.map((table) => [table.id, table.name])) },
          moreHref: view.moreHref,
          firstHref: view.firstHref,
          level: 2,
        });
  return html`<h1 class="mb-2">${t('bookmarks.title')}</h1>
    <p class="lead mb-4">${t('bookmarks.intro')}</p>
    ${body}`;
}
