import type { PageContext } from '../context.js';
import { POSTS_PER_PAGE } from '../forum/post-lookup.js';
import { html } from './html.js';

/** Which page numbers to offer: all of few, else the ends and the neighbours of the current one. */
function shownPages(current: number, total: number): Array<number | null> {
  if (total <= 7) return Array.from({ length: total }, (_, i) => i + 1);
  const wanted = new Set([1, total, current - 1, current, current + 1].filter((p) => p >= 1 && p <= total));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: Array<number | null> = [];
  sorted.forEach((page, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && page - previous > 1) out.push(null);
    out.push(page);
  });
  return out;
}

/** A thread's pages, each a plain link (`?dopo=` the last post number before it). */
export function threadPagination(
  ctx: PageContext,
  o: { threadId: number; after: number; lastPostNumber: number; label: string },
) {
  const { t } = ctx;
  const total = Math.max(1, Math.ceil(o.lastPostNumber / POSTS_PER_PAGE));
  if (total === 1) return '';
  const current = Math.floor(o.after / POSTS_PER_PAGE) + 1;
  const href = (page: number) => `/discussioni/${o.threadId}${page > 1 ? `?dopo=${(page - 1) * POSTS_PER_PAGE}` : ''}`;
  return html`<nav class="pagination-wrapper my-3" aria-label="${o.label}">
    <ul class="pagination flex-wrap">
      ${current > 1 ? html`<li class="page-item"><a class="page-link" href="${href(current - 1)}">${t('pages.previous')}</a></li>` : ''}
      ${shownPages(current, total).map((page) =>
        page === null
          ? html`<li class="page-item"><span class="page-link" aria-hidden="true">…</span></li>`
          : html`<li class="page-item${page === current ? ' active' : ''}"><a class="page-link" href="${href(page)}"${
              page === current ? html` aria-current="page"` : ''
            }><span class="visually-hidden">${t('pages.page')} </span>${page}</a></li>`,
      )}
      ${current < total ? html`<li class="page-item"><a class="page-link" href="${href(current + 1)}">${t('pages.next')}</a></li>` : ''}
    </ul>
  </nav>`;
}
