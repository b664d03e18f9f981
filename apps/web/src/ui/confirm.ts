import type { PageContext } from '../context.js';
import { narrowCard } from './cards.js';
import { html } from './html.js';

/** The field a form adds once the person has confirmed: without it, the action asks first. */
export const CONFIRMED = 'conferma';

/**
 * "Are you sure?" without JavaScript: the same POST again, with its fields kept and `conferma`
 * added, or a way back.
 */
export function confirmPage(
  ctx: PageContext,
  o: { title: string; intro: string; action: string; fields?: Record<string, string>; submit: string; cancel: string },
) {
  const { t } = ctx;
  return narrowCard(html`<h1 class="h3 mb-3">${o.title}</h1>
    <p>${o.intro}</p>
    <form method="post" action="${o.action}">
      ${Object.entries(o.fields ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
      <input type="hidden" name="${CONFIRMED}" value="1">
      <button type="submit" class="btn btn-danger me-2">${o.submit}</button>
      <a class="btn btn-link" href="${o.cancel}">${t('common.cancel')}</a>
    </form>`);
}
