import type { PageContext } from '../context.js';
import { narrowCard } from '../ui/cards.js';
import { errorIdFor, type FormError, field, formErrorMessage, requiredNote, submit } from '../ui/form.js';
import { html } from '../ui/html.js';

export interface SignInView {
  email?: string;
  next?: string;
  error?: FormError | null;
  /** The button to the organisation's identity provider, when one is configured. */
  oidcLabel?: string | null;
  /** False when LOCAL_PASSWORDS=off: only the provider's button is shown. */
  passwords?: boolean;
}

const FORM = 'sign-in';

/** The link that starts the provider's sign-in, carrying `next` like the form does. */
function oidcButton(label: string, next: string | undefined) {
  const href = next ? `/accedi/ente?${new URLSearchParams({ next })}` : '/accedi/ente';
  return html`<p class="mb-3"><a class="btn btn-primary w-100" href="${href}" id="sign-in-oidc">${label}</a></p>`;
}

export function signInPage(ctx: PageContext, view: SignInView = {}) {
  const { t } = ctx;
  const errorId = (name: string) => errorIdFor(FORM, view.error, name);
  if (view.oidcLabel && view.passwords === false) {
    return narrowCard(html`
        <h1 class="h2 mb-3">${t('signIn.title')}</h1>
        <p class="lead mb-4">${t('signIn.oidcOnly')}</p>
        ${oidcButton(view.oidcLabel, view.next)}
        <p class="small text-secondary mb-0">${t('signIn.byInvitation')}</p>`);
  }
  return narrowCard(html`
        <h1 class="h2 mb-3">${t('signIn.title')}</h1>
        ${
          view.oidcLabel
            ? html`${oidcButton(view.oidcLabel, view.next)}<p class="text-center text-secondary mb-3">${t('signIn.oidcOr')}</p>`
            : html`<p class="lead mb-4">${t('signIn.intro')}</p>`
        }
        ${formErrorMessage(ctx, FORM, view.error)}
        <form method="post" action="/accedi" id="${FORM}" novalidate>
          ${view.next ? html`<input type="hidden" name="next" value="${view.next}">` : ''}
          ${requiredNote(ctx)}
          ${field(ctx, {
            id: 'email',
            name: 'email',
            label: t('signIn.email'),
            type: 'email',
            value: view.email ?? '',
            required: true,
            autocomplete: 'username',
            errorId: errorId('email'),
          })}
          ${field(ctx, {
            id: 'password',
            name: 'password',
            label: t('signIn.password'),
            type: 'password',
            required: true,
            autocomplete: 'current-password',
            errorId: errorId('password'),
          })}
          ${submit(t('signIn.submit'), 'w-100 mb-3')}
        </form>
        <p class="mb-2"><a href="/password/reimposta">${t('signIn.forgot')}</a></p>
        <p class="small text-secondary mb-0">${t('signIn.byInvitation')}</p>`);
}
