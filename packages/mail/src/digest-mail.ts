import type { Config } from '@hubspoke/config';
import type { Locale } from '@hubspoke/i18n';
import { type DigestContent, renderDigestMail } from './templates/digest.js';
import type { OutgoingMail } from './transport.js';
import { unsubscribeHeaders, unsubscribeToken } from './unsubscribe.js';

export interface DigestRecipient {
  id: number;
  email: string;
  display_name: string;
  locale: Locale;
  digest: string;
}

/** A digest ready to send: rendered in the recipient's language, with one-click unsubscribe. */
export function digestMail(
  config: Pick<Config, 'publicUrl' | 'appSecret'>,
  user: DigestRecipient,
  content: Omit<DigestContent, 'frequency' | 'recipientName' | 'unsubscribeUrl' | 'preferencesUrl'>,
  period: string,
): OutgoingMail {
  const unsubscribeUrl = `${config.publicUrl}/email/unsubscribe/${unsubscribeToken(config.appSecret, user.id, 'digest')}`;
  const rendered = renderDigestMail(user.locale, {
    ...content,
    frequency: user.digest === 'daily' ? 'daily' : 'weekly',
    recipientName: user.display_name,
    unsubscribeUrl,
    preferencesUrl: `${config.publicUrl}/profilo`,
  });
  return {
    to: user.email,
    ...rendered,
    messageId: `<digest-${user.id}-${period}@hubspoke>`,
    headers: unsubscribeHeaders(unsubscribeUrl),
  };
}
