import { escapeHtml, layout, type MailLocale, textFooter } from './layout.js';

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const COPY = {
  invitation: {
    it: {
      subject: 'Sei invitato in Hub&Spoke Community',
      intro:
        'Sei stato invitato a partecipare a Hub&Spoke Community, la comunità professionale degli enti che cooperano con le città del Mediterraneo.',
      action: 'Accetta l’invito',
      expires: 'Il link vale fino al',
    },
    en: {
      subject: 'You are invited to Hub&Spoke Community',
      intro:
        'You have been invited to join Hub&Spoke Community, the professional community of local administrations cooperating with Mediterranean cities.',
      action: 'Accept the invitation',
      expires: 'The link works until',
    },
  },
  password_reset: {
    it: {
      subject: 'Reimposta la password',
      intro: 'Hai chiesto di reimpostare la password. Se non sei stato tu, ignora questa email.',
      action: 'Scegli una nuova password',
      expires: 'Il link vale fino al',
    },
    en: {
      subject: 'Reset your password',
      intro: 'You asked to reset your password. If it was not you, ignore this email.',
      action: 'Choose a new password',
      expires: 'The link works until',
    },
  },
} as const;

export type AccountTemplate = keyof typeof COPY;
export const isAccountTemplate = (name: string): name is AccountTemplate => name in COPY;

/** Invitation and password-reset mails: one link, when it expires, nothing else. */
export function renderAccountMail(
  template: AccountTemplate,
  locale: MailLocale,
  data: { url: string; expiresAt: string },
): RenderedMail {
  const copy = COPY[template][locale];
  const expires = new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Rome',
  }).format(new Date(data.expiresAt));
  const html = layout(
    locale,
    copy.subject,
    `<h1 style="font-size:22px">${escapeHtml(copy.subject)}</h1><p>${escapeHtml(copy.intro)}</p>
<p><a href="${escapeHtml(data.url)}" style="display:inline-block;background:#0066cc;color:#fff;padding:10px 18px;text-decoration:none;border-radius:4px">${escapeHtml(copy.action)}</a></p>
<p style="font-size:13px">${escapeHtml(copy.expires)} ${escapeHtml(expires)}.</p>`,
  );
  const text = `${copy.subject}\n\n${copy.intro}\n\n${copy.action}: ${data.url}\n${copy.expires} ${expires}.${textFooter(locale)}`;
  return { subject: copy.subject, html, text };
}
