import type { PageContext } from '../context.js';
import { errorIdFor, type FormError, field } from '../ui/form.js';
import { html } from '../ui/html.js';

/** "New password" twice, with the policy as a hint; used by invitations, resets and the profile. */
export function newPasswordFields(ctx: PageContext, formId: string, error: FormError | null | undefined) {
  const { t } = ctx;
  return html`${field(ctx, {
    id: `${formId}-password`,
    name: 'password',
    label: t('password.new'),
    type: 'password',
    required: true,
    autocomplete: 'new-password',
    hint: t('password.newHint'),
    minlength: 10,
    errorId: errorIdFor(formId, error, 'password'),
  })}
  ${field(ctx, {
    id: `${formId}-password-confirm`,
    name: 'passwordConfirm',
    label: t('password.confirm'),
    type: 'password',
    required: true,
    autocomplete: 'new-password',
    errorId: errorIdFor(formId, error, 'passwordConfirm'),
  })}`;
}
