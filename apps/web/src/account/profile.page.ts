import type { UserRow } from '@hubspoke/db';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { errorIdFor, type FormError, field, formErrorMessage, requiredNote, select, submit } from '../ui/form.js';
import { html } from '../ui/html.js';
import { newPasswordFields } from './password-fields.view.js';
import { type EmailPreferences, emailPreferencesForm, savedEmailPreferences } from './profile-email.page.js';
import { type ApiTokenView, tokensSection } from './profile-tokens.view.js';

/** Which form failed, so its error is shown next to it and the others stay clean. */
export type ProfileForm = 'language' | 'password' | 'token' | 'email';

export interface ProfileView {
  user: UserRow;
  tokens: readonly ApiTokenView[];
  /** False when everyone signs in through the organisation's identity provider: no password to change. */
  passwords: boolean;
  failed?: { form: ProfileForm; error: FormError; tokenName?: string; email?: EmailPreferences };
}

function account(ctx: PageContext, user: UserRow) {
  const { t } = ctx;
  return html`<dl class="row mb-0">
    <dt class="col-sm-3">${t('profile.name')}</dt><dd class="col-sm-9">${user.display_name} (@${user.handle})</dd>
    <dt class="col-sm-3">${t('profile.email')}</dt><dd class="col-sm-9">${user.email}</dd>
    <dt class="col-sm-3">${t('profile.role')}</dt><dd class="col-sm-9">${t(`role.${user.role}`)}</dd>
  </dl>
  <p class="small mt-2 mb-0"><a href="/profilo/elimina" class="text-danger">${t('erase.link')}</a></p>`;
}

function languageForm(ctx: PageContext, user: UserRow, error: FormError | undefined) {
  const { t } = ctx;
  return html`${formErrorMessage(ctx, 'language', error)}
    <form method="post" action="/profilo/lingua" id="language" novalidate>
      ${select(ctx, {
        id: 'language-locale',
        name: 'locale',
        label: t('profile.languageLabel'),
        selected: user.locale,
        options: [
          { value: 'it', label: t('language.it') },
          { value: 'en', label: t('language.en') },
        ],
        errorId: errorIdFor('language', error, 'locale'),
      })}
      ${submit(t('profile.languageSubmit'))}
    </form>`;
}

function passwordForm(ctx: PageContext, user: UserRow, error: FormError | undefined) {
  const { t } = ctx;
  return html`<p>${t('profile.passwordNote')}</p>
    ${formErrorMessage(ctx, 'password', error)}
    <form method="post" action="/profilo/password" id="password" novalidate>
      <input type="email" name="username" autocomplete="username" value="${user.email}" hidden readonly>
      ${requiredNote(ctx)}
      ${field(ctx, {
        id: 'password-current',
        name: 'currentPassword',
        label: t('password.current'),
        type: 'password',
        required: true,
        autocomplete: 'current-password',
        errorId: errorIdFor('password', error, 'currentPassword'),
      })}
      ${newPasswordFields(ctx, 'password', error)}
      ${submit(t('profile.passwordSubmit'))}
    </form>`;
}

export function profilePage(ctx: PageContext, view: ProfileView) {
  const { t } = ctx;
  const failed = (form: ProfileForm) => (view.failed?.form === form ? view.failed.error : undefined);
  return html`<h1 class="mb-2">${t('profile.title')}</h1>
    <p class="mb-4"><a href="/segnalibri">${t('bookmarks.link')}</a></p>
    <div class="row">
      <div class="col-12 col-lg-6">
        ${section('account', t('profile.account'), account(ctx, view.user))}
        ${section('cv-title', t('cv.profileTitle'), html`<p>${t('cv.profileIntro')}</p><p><a href="/profilo/cv">${t('cv.profileLink')}</a></p>`)}
        ${section('consents-title', t('consents.title'), html`<p>${t('consents.intro')}</p><p><a href="/consensi">${t('consents.read')}: ${t('consents.title')}</a></p>`)}
        ${section('personal-data-title', t('personalData.title'), html`<p>${t('personalData.intro')}</p><p><a href="/profilo/dati">${t('personalData.link')}</a></p>`)}
        ${section('language-title', t('profile.languageTitle'), languageForm(ctx, view.user, failed('language')))}
        ${view.passwords ? section('password-title', t('profile.passwordTitle'), passwordForm(ctx, view.user, failed('password'))) : ''}
      </div>
      <div class="col-12 col-lg-6">
        ${section('email-title', t('prefs.title'), emailPreferencesForm(ctx, view.failed?.email ?? savedEmailPreferences(view.user), failed('email')))}
        ${section(
          'advanced-title',
          t('profile.advancedTitle'),
          // Tokens are for scripts and integrations: folded away so participants are not asked about them.
          html`<details${failed('token') ? ' open' : ''}><summary class="mb-2">${t('tokens.title')}</summary>
            ${tokensSection(ctx, view.tokens, failed('token'), view.failed?.tokenName)}
          </details>`,
        )}
      </div>
    </div>`;
}
