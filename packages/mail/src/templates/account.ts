import { intlLocale, type Locale, translator } from '@hubspoke/i18n';
import { escapeHtml } from '@hubspoke/markdown';
import { layout, textFooter } from './layout.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

// Each template's words are `mail.<template>.subject`, `.intro` and `.action` in the catalogue.
const TEMPLATES = ['invitation', 'password_reset', 'consent_patto', 'consent_liberatoria', 'data_export'] as const;
export type AccountTemplate = (typeof TEMPLATES)[number];
export const isAccountTemplate = (name: string): name is AccountTemplate =>
  (TEMPLATES as readonly string[]).includes(name);

/** Mails about one's account (invitation, password reset, a consent to give again): one link, and when it expires if it does. */
export function renderAccountMail(
  template: AccountTemplate,
  locale: Locale,
  data: { url: string; expiresAt?: string; inviter?: string; role?: string; ente?: string },
): RenderedMail {
  const t = translator(locale);
  const subject = t(`mail.${template}.subject`);
  // Mails queued before an invitation carried its sender still read well.
  const intro = t(`mail.${template}.intro`, {
    inviter: data.inviter ?? 'Hub&Spoke',
    role: data.role ?? 'participant',
    ente: data.ente ?? 'none',
  });
  const action = t(`mail.${template}.action`);
  const date = data.expiresAt
    ? new Intl.DateTimeFormat(intlLocale[locale], {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Europe/Rome',
      }).format(new Date(data.expiresAt))
    : undefined;
  const expires = date ? t('mail.linkExpires', { date }) : '';
  const html = layout(
    locale,
    subject,
    `<h1 style="font-size:22px">${escapeHtml(subject)}</h1><p>${escapeHtml(intro)}</p>
<p><a href="${escapeHtml(data.url)}" style="display:inline-block;background:#0066cc;color:#fff;padding:10px 18px;text-decoration:none;border-radius:4px">${escapeHtml(action)}</a></p>
${expires ? `<p style="font-size:13px">${escapeHtml(expires)}</p>` : ''}`,
  );
  const text = `${subject}\n\n${intro}\n\n${action}: ${data.url}${expires ? `\n${expires}` : ''}${textFooter(locale)}`;
  return { subject, html, text };
}
