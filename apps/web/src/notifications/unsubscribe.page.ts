import type { UnsubscribeScope } from '@hubspoke/mail';
import type { PageContext } from '../context.js';
import { narrowCard } from '../ui/cards.js';
import { submit } from '../ui/form.js';
import { html } from '../ui/html.js';

/** What the one-click link of a mail shows: a question first, then what was done, or why not. */
export type UnsubscribeView =
  | { state: 'confirm'; token: string }
  | { state: 'done'; scope: UnsubscribeScope }
  | { state: 'invalid' };

export function unsubscribePage(ctx: PageContext, view: UnsubscribeView) {
  const { t } = ctx;
  const body =
    view.state === 'confirm'
      ? html`<p class="lead">${t('unsubscribe.confirm')}</p>
          <form method="post" action="/email/unsubscribe/${view.token}">${submit(t('unsubscribe.button'))}</form>`
      : view.state === 'done'
        ? html`<div class="alert alert-success" role="status"><p class="mb-0">${t(`unsubscribe.done.${view.scope}`)}</p></div>`
        : html`<div class="alert alert-danger" role="alert"><p class="mb-0">${t('unsubscribe.invalid')}</p></div>`;
  return narrowCard(html`<h1 class="h2 mb-3">${t('unsubscribe.title')}</h1>${body}`);
}
