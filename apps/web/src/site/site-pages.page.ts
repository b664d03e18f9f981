import type { PageContext } from '../context.js';
import { html, raw } from '../ui/html.js';

/** A footer page: the admins' sanitized text, or a plain line while there is none. */
export function sitePage(ctx: PageContext, title: string, page: { html: string; updatedAt: string } | null) {
  const { t } = ctx;
  return html`<div class="row"><div class="col-12 col-lg-8">
    <h1 class="mb-3">${title}</h1>
    ${
      page
        ? html`<div class="post-body">${raw(page.html)}</div>
            <p class="small text-secondary mt-4">${t('site.updated', { date: ctx.date(new Date(page.updatedAt)) })}</p>`
        : html`<p>${t('site.notYet')}</p>`
    }
  </div></div>`;
}
