import { type DigestFrequency, type EmailChoice, type Locale, userRepo } from '@hubspoke/db';
import type { Actor } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { invalid, notFound } from '../shared/errors.js';

export interface PreferenceChanges {
  locale?: Locale;
  digest?: DigestFrequency;
  digestHour?: number;
  digestWeekday?: number;
  timezone?: string;
  digestSkipIfActive?: boolean;
  /** Whether others may start private conversations with them (moderators and admins always may). */
  acceptsMessages?: boolean;
  emailOn?: { mentions?: EmailChoice; replies?: EmailChoice; watched?: EmailChoice; tutoring?: EmailChoice };
}

const knownTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export async function updatePreferences(deps: Pick<Deps, 'db'>, actor: Actor, changes: PreferenceChanges) {
  if (changes.timezone !== undefined && !knownTimeZone(changes.timezone))
    throw invalid('invalid_timezone', 'Unknown time zone');
  const e = changes.emailOn ?? {};
  const user = await userRepo.update(deps.db, actor.id, {
    ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
    ...(changes.digest !== undefined ? { digest: changes.digest } : {}),
    ...(changes.digestHour !== undefined ? { digest_hour: changes.digestHour } : {}),
    ...(changes.digestWeekday !== undefined ? { digest_weekday: changes.digestWeekday } : {}),
    ...(changes.timezone !== undefined ? { timezone: changes.timezone } : {}),
    ...(changes.digestSkipIfActive !== undefined ? { digest_skip_if_active: changes.digestSkipIfActive } : {}),
    ...(changes.acceptsMessages !== undefined ? { accepts_messages: changes.acceptsMessages } : {}),
    ...(e.mentions !== undefined ? { email_mentions: e.mentions } : {}),
    ...(e.replies !== undefined ? { email_replies: e.replies } : {}),
    ...(e.watched !== undefined ? { email_watched: e.watched } : {}),
    ...(e.tutoring !== undefined ? { email_tutoring: e.tutoring } : {}),
  });
  if (!user) throw notFound('user');
  return user;
}

/** What a one-click unsubscribe link turns off. Idempotent, and needs no session. */
export async function unsubscribe(deps: Pick<Deps, 'db'>, userId: number, scope: 'digest' | 'notifications') {
  const changes =
    scope === 'digest'
      ? { digest: 'off' as const }
      : {
          email_mentions: 'never' as const,
          email_replies: 'never' as const,
          email_watched: 'never' as const,
          email_tutoring: 'never' as const,
        };
  const user = await userRepo.update(deps.db, userId, changes);
  if (!user) throw notFound('user');
  return user;
}
