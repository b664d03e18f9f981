import type { MessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { narrowCard } from '../ui/cards.js';
import { type FormError, formErrorMessage, submit } from '../ui/form.js';
import { html } from '../ui/html.js';

const FORM = 'data-export';

/** What the export holds and the button that asks for it (the profile links here). */
export function personalDataPage(ctx: PageContext, view: { error?: FormError | null } = {}) {
  const { t } = ctx;
  return narrowCard(html`
    <p class="mb-1"><a href="/profilo">${t('profile.title')}</a></p>
    <h1 class="h2 mb-3">${t('personalData.title')}</h1>
    <p>${t('personalData.intro')}</p>
    <p class="small">${t('personalData.note')}</p>
    ${formErrorMessage(ctx, FORM, view.error)}
    <form method="post" action="/profilo/dati" id="${FORM}">
      ${submit(t('personalData.submit'))}
    </form>`);
}

/** A mailed link that no longer opens anything: why, and where to ask again. */
export function exportLinkGonePage(ctx: PageContext, reason: MessageKey) {
  const { t } = ctx;
  return narrowCard(html`
    <h1 class="h2 mb-3">${t('personalData.title')}</h1>
    <p>${t(reason)}</p>
    <p class="mb-0"><a href="/profilo/dati">${t('personalData.askAgain')}</a></p>`);
}
