import type { PageContext } from '../context.js';
import { narrowCard } from '../ui/cards.js';
import { errorIdFor, type FormError, field, formErrorMessage, requiredNote, submit } from '../ui/form.js';
import { html } from '../ui/html.js';
import { newPasswordFields } from './password-fields.view.js';

const REQUEST_FORM = 'reset-request';
const CONFIRM_FORM = 'reset-confirm';

export function resetRequestPage(
  ctx: PageContext,
  view: { minutes: number; email?: string; sent?: boolean; error?: FormError | null },
) {
  const { t } = ctx;
  return narrowCard(html`
    <h1 class="h2 mb-3">${t('reset.title')}</h1>
    ${
      view.sent
        ? html`<div class="alert alert-success" role="status"><p class="mb-0">${t('reset.sent', { minutes: view.minutes })}</p></div>`
        : html`<p class="lead mb-4">${t('reset.intro')}</p>
          ${formErrorMessage(ctx, REQUEST_FORM, view.error)}
          <form method="post" action="/password/reimposta" id="${REQUEST_FORM}" novalidate>
            ${requiredNote(ctx)}
            ${field(ctx, {
              id: 'reset-email',
              name: 'email',
              label: t('signIn.email'),
              type: 'email',
              value: view.email ?? '',
              required: true,
              autocomplete: 'email',
              errorId: errorIdFor(REQUEST_FORM, view.error, 'email'),
            })}
            ${submit(t('reset.submit'), 'w-100 mb-3')}
          </form>`
    }
    <p class="mb-0"><a href="/accedi">${t('reset.backToSignIn')}</a></p>`);
}

export function resetConfirmPage(ctx: PageContext, view: { token: string; error?: FormError | null }) {
  const { t } = ctx;
  return narrowCard(html`
    <h1 class="h2 mb-3">${t('reset.confirmTitle')}</h1>
    <p class="lead mb-4">${t('reset.confirmIntro')}</p>
    ${formErrorMessage(ctx, CONFIRM_FORM, view.error)}
    <form method="post" action="/password/nuova/${encodeURIComponent(view.token)}" id="${CONFIRM_FORM}" novalidate>
      ${requiredNote(ctx)}
      ${newPasswordFields(ctx, CONFIRM_FORM, view.error)}
      ${submit(t('reset.confirmSubmit'), 'w-100 mb-3')}
    </form>
    <p class="mb-0"><a href="/password/reimposta">${t('reset.title')}</a></p>`);
}
