import type { PageContext } from '../context.js';
import { narrowCard } from '../ui/cards.js';
import { errorIdFor, type FormError, field, formErrorMessage, requiredNote, submit } from '../ui/form.js';
import { html } from '../ui/html.js';
import { newPasswordFields } from './password-fields.view.js';

const FORM = 'invitation';

export function invitationPage(
  ctx: PageContext,
  view: { token: string; displayName?: string; error?: FormError | null },
) {
  const { t } = ctx;
  return narrowCard(html`
    <h1 class="h2 mb-3">${t('invitation.title')}</h1>
    <p class="lead mb-4">${t('invitation.intro')}</p>
    ${formErrorMessage(ctx, FORM, view.error)}
    <form method="post" action="/invito/${encodeURIComponent(view.token)}" id="${FORM}" novalidate>
      ${requiredNote(ctx)}
      ${field(ctx, {
        id: 'display-name',
        name: 'displayName',
        label: t('invitation.displayName'),
        value: view.displayName ?? '',
        required: true,
        autocomplete: 'name',
        hint: t('invitation.displayNameHint'),
        minlength: 2,
        maxlength: 80,
        errorId: errorIdFor(FORM, view.error, 'displayName'),
      })}
      ${newPasswordFields(ctx, FORM, view.error)}
      ${submit(t('invitation.submit'), 'w-100')}
    </form>`);
}
