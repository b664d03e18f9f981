import type { PageContext } from '../context.js';
import { narrowCard } from '../ui/cards.js';
import { errorIdFor, type FormError, field, formErrorMessage, requiredNote, submit } from '../ui/form.js';
import { html } from '../ui/html.js';

export interface SignInView {
  email?: string;
  next?: string;
  error?: FormError | null;
}

const FORM = 'sign-in';

export function signInPage(ctx: PageContext, view: SignInView = {}) {
  const { t } = ctx;
  const errorId = (name: string) => errorIdFor(FORM, view.error, name);
  return narrowCard(html`
        <h1 class="h2 mb-3">${t('signIn.title')}</h1>
        <p class="lead mb-4">${t('signIn.intro')}</p>
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
