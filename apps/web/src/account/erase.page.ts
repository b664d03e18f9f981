import type { PageContext } from '../context.js';
import { narrowCard } from '../ui/cards.js';
import { errorIdFor, type FormError, field, formErrorMessage } from '../ui/form.js';
import { html } from '../ui/html.js';

const FORM = 'erase';

/** The person's own erasure: what goes, what stays, the password to confirm. */
export function erasePage(ctx: PageContext, view: { email: string; error?: FormError | null }) {
  const { t } = ctx;
  return narrowCard(html`
    <p class="mb-1"><a href="/profilo">${t('profile.title')}</a></p>
    <h1 class="h2 mb-3">${t('erase.title')}</h1>
    <p>${t('erase.intro')}</p>
    ${formErrorMessage(ctx, FORM, view.error)}
    <form method="post" action="/profilo/elimina" id="${FORM}" novalidate>
      <input type="email" name="username" autocomplete="username" value="${view.email}" hidden readonly>
      ${field(ctx, {
        id: 'erase-password',
        name: 'password',
        label: t('erase.password'),
        type: 'password',
        required: true,
        autocomplete: 'current-password',
        errorId: errorIdFor(FORM, view.error, 'password'),
      })}
      <div class="form-check mb-4">
        <input class="form-check-input" type="checkbox" id="erase-posts" name="deletePosts" value="1">
        <label class="form-check-label" for="erase-posts">${t('erase.deletePosts')}</label>
      </div>
      <button type="submit" class="btn btn-danger">${t('erase.submit')}</button>
    </form>`);
}
