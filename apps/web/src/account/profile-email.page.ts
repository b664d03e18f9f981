import type { DigestFrequency, EmailChoice, UserRow } from '@hubspoke/db';
import type { PageContext } from '../context.js';
import { errorIdFor, type FormError, formErrorMessage, select, submit } from '../ui/form.js';
import { attr, html } from '../ui/html.js';

export const DIGESTS: readonly DigestFrequency[] = ['off', 'daily', 'weekly'];
export const EMAIL_CHOICES: readonly EmailChoice[] = ['immediately', 'digest', 'never'];
export const EMAIL_KINDS = ['mentions', 'replies', 'watched', 'tutoring'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

const COLUMN: Record<EmailKind, keyof UserRow> = {
  mentions: 'email_mentions',
  replies: 'email_replies',
  watched: 'email_watched',
  tutoring: 'email_tutoring',
};

/** What the form shows: the saved preferences, or what was typed when saving failed. */
export interface EmailPreferences {
  digest: string;
  digestHour: string;
  digestWeekday: string;
  timezone: string;
  digestSkipIfActive: boolean;
  emailOn: Record<EmailKind, string>;
  /** Whether others may start private conversations with them. */
  acceptsMessages: boolean;
}

export const savedEmailPreferences = (user: UserRow): EmailPreferences => ({
  digest: user.digest,
  digestHour: String(user.digest_hour),
  digestWeekday: String(user.digest_weekday),
  timezone: user.timezone,
  digestSkipIfActive: user.digest_skip_if_active,
  emailOn: Object.fromEntries(EMAIL_KINDS.map((kind) => [kind, String(user[COLUMN[kind]])])) as Record<
    EmailKind,
    string
  >,
  acceptsMessages: user.accepts_messages,
});

/** A group of radio buttons: a fieldset whose legend is the question. */
function radios(name: string, legend: string, selected: string, options: Array<{ value: string; label: string }>) {
  return html`<fieldset class="mb-4">
    <legend class="h6 fw-semibold">${legend}</legend>
    ${options.map(
      (o) => html`<div class="form-check form-check-inline">
        <input type="radio" id="${name}-${o.value}" name="${name}" value="${o.value}"${attr('checked', o.value === selected)}>
        <label for="${name}-${o.value}">${o.label}</label>
      </div>`,
    )}
  </fieldset>`;
}

const timeZones = () => Intl.supportedValuesOf('timeZone');

export function emailPreferencesForm(ctx: PageContext, prefs: EmailPreferences, error: FormError | undefined) {
  const { t } = ctx;
  const form = 'email-prefs';
  const hours = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00` }));
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`weekday.${d as 1}`) }));
  return html`<p>${t('prefs.intro')}</p>
    ${formErrorMessage(ctx, form, error)}
    <form method="post" action="/profilo/email" id="${form}" novalidate>
      <fieldset class="mb-4">
        <legend class="h5">${t('prefs.digestTitle')}</legend>
        ${radios(
          'digest',
          t('prefs.digest'),
          prefs.digest,
          DIGESTS.map((d) => ({ value: d, label: t(`prefs.digest.${d}`) })),
        )}
        <div class="row">
          <div class="col-12 col-md-6">${select(ctx, { id: 'prefs-hour', name: 'digestHour', label: t('prefs.digestHour'), selected: prefs.digestHour, options: hours })}</div>
          <div class="col-12 col-md-6">${select(ctx, { id: 'prefs-weekday', name: 'digestWeekday', label: t('prefs.digestWeekday'), selected: prefs.digestWeekday, options: weekdays, hint: t('prefs.digestWeekdayHint') })}</div>
        </div>
        ${select(ctx, {
          id: 'prefs-timezone',
          name: 'timezone',
          label: t('prefs.timezone'),
          selected: prefs.timezone,
          options: timeZones().map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') })),
          errorId: errorIdFor(form, error, 'timezone'),
        })}
        <div class="form-check">
          <input type="checkbox" id="prefs-skip" name="digestSkipIfActive" value="1"${attr('checked', prefs.digestSkipIfActive)}>
          <label for="prefs-skip">${t('prefs.skipIfActive')}</label>
        </div>
      </fieldset>
      <fieldset class="mb-4">
        <legend class="h5">${t('prefs.emailTitle')}</legend>
        <p class="small text-secondary">${t('prefs.emailIntro')}</p>
        ${EMAIL_KINDS.map((kind) =>
          radios(
            `emailOn-${kind}`,
            t(`prefs.emailOn.${kind}`),
            prefs.emailOn[kind],
            EMAIL_CHOICES.map((c) => ({ value: c, label: t(`prefs.choice.${c}`) })),
          ),
        )}
      </fieldset>
      <fieldset class="mb-4">
        <legend class="h5">${t('prefs.messagesTitle')}</legend>
        <div class="form-check">
          <input type="checkbox" id="prefs-messages" name="acceptsMessages" value="1" aria-describedby="prefs-messages-hint"${attr('checked', prefs.acceptsMessages)}>
          <label for="prefs-messages">${t('prefs.acceptsMessages')}</label>
        </div>
        <small id="prefs-messages-hint" class="form-text d-block">${t('prefs.acceptsMessagesHint')}</small>
      </fieldset>
      ${submit(t('prefs.submit'))}
    </form>`;
}
