import type { MessageKey } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { narrowCard } from '../ui/cards.js';
import { html } from '../ui/html.js';

/** Why the provider's sign-in did not let the person in, and the way back to the sign-in page. */
export function oidcFailedPage(ctx: PageContext, view: { message: MessageKey; next: string }) {
  const { t } = ctx;
  const retry = view.next === '/' ? '/accedi' : `/accedi?${new URLSearchParams({ next: view.next })}`;
  return narrowCard(html`
        <h1 class="h2 mb-3">${t('oidc.failedTitle')}</h1>
        <p class="lead mb-4" role="alert">${t(view.message)}</p>
        <p class="mb-0"><a class="btn btn-primary" href="${retry}">${t('oidc.retry')}</a></p>`);
}
