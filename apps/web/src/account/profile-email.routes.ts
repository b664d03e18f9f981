import type { DigestFrequency, EmailChoice } from '@hubspoke/db';
import type { PreferenceChanges } from '@hubspoke/domain';
import type { Form } from '../respond.js';
import { DIGESTS, EMAIL_CHOICES, EMAIL_KINDS, type EmailPreferences } from './profile-email.page.js';

const oneOf = <T extends string>(allowed: readonly T[], value: string): T | undefined =>
  (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

const inRange = (value: string, min: number, max: number) => {
  const n = /^[0-9]{1,2}$/.test(value) ? Number(value) : Number.NaN;
  return n >= min && n <= max ? n : undefined;
};

/**
 * The mail preferences form: what was typed (to show again on failure) and, when every value is
 * one the form offers, the changes to save. The time zone is checked by the service.
 */
export function readEmailPreferences(form: Form): { input: EmailPreferences; changes: PreferenceChanges | null } {
  const input: EmailPreferences = {
    digest: form.text('digest'),
    digestHour: form.text('digestHour'),
    digestWeekday: form.text('digestWeekday'),
    timezone: form.text('timezone'),
    digestSkipIfActive: form.text('digestSkipIfActive') === '1',
    emailOn: Object.fromEntries(
      EMAIL_KINDS.map((kind) => [kind, form.text(`emailOn-${kind}`)]),
    ) as EmailPreferences['emailOn'],
    acceptsMessages: form.text('acceptsMessages') === '1',
  };
  const digest = oneOf<DigestFrequency>(DIGESTS, input.digest);
  const digestHour = inRange(input.digestHour, 0, 23);
  const digestWeekday = inRange(input.digestWeekday, 1, 7);
  const emailOn = Object.fromEntries(
    EMAIL_KINDS.map((kind) => [kind, oneOf<EmailChoice>(EMAIL_CHOICES, input.emailOn[kind])]),
  );
  const complete = Object.values(emailOn).every(Boolean);
  if (!digest || digestHour === undefined || digestWeekday === undefined || !input.timezone || !complete) {
    return { input, changes: null };
  }
  return {
    input,
    changes: {
      digest,
      digestHour,
      digestWeekday,
      timezone: input.timezone,
      digestSkipIfActive: input.digestSkipIfActive,
      acceptsMessages: input.acceptsMessages,
      emailOn: emailOn as Required<NonNullable<PreferenceChanges['emailOn']>>,
    },
  };
}
