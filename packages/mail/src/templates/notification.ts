import type { RenderedMail } from './account.js';
import { escapeHtml, layout, type MailLocale, textFooter } from './layout.js';

export interface NotificationMailData {
  kind: 'mention' | 'reply' | 'watched_reply' | 'new_thread' | string;
  actorName: string;
  threadTitle: string;
  threadUrl: string;
  /** Sanitised HTML of the post (it passed packages/markdown). */
  postHtml: string;
  postText: string;
  unsubscribeUrl: string;
}

const SUBJECT: Record<MailLocale, Record<string, (d: NotificationMailData) => string>> = {
  it: {
    mention: (d) => `${d.actorName} ti ha menzionato in «${d.threadTitle}»`,
    reply: (d) => `${d.actorName} ha risposto al tuo messaggio in «${d.threadTitle}»`,
    watched_reply: (d) => `Nuova risposta in «${d.threadTitle}»`,
    new_thread: (d) => `Nuova discussione: «${d.threadTitle}»`,
  },
  en: {
    mention: (d) => `${d.actorName} mentioned you in “${d.threadTitle}”`,
    reply: (d) => `${d.actorName} replied to your post in “${d.threadTitle}”`,
    watched_reply: (d) => `New reply in “${d.threadTitle}”`,
    new_thread: (d) => `New thread: “${d.threadTitle}”`,
  },
};
const OPEN = { it: 'Apri la discussione', en: 'Open the thread' };

/** One notification as a mail: who, where, the post itself, and a link to answer on the site. */
export function renderNotificationMail(locale: MailLocale, data: NotificationMailData): RenderedMail {
  const subject = (SUBJECT[locale][data.kind] ?? SUBJECT[locale].watched_reply)?.(data) ?? data.threadTitle;
  const html = layout(
    locale,
    subject,
    `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>
<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #d9dadb">${data.postHtml}</blockquote>
<p><a href="${escapeHtml(data.threadUrl)}">${OPEN[locale]}</a></p>`,
    data.unsubscribeUrl,
  );
  const text = `${subject}\n\n${data.postText}\n\n${OPEN[locale]}: ${data.threadUrl}${textFooter(locale, data.unsubscribeUrl)}`;
  return { subject, html, text };
}
