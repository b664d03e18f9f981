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
  /** Set for a document's change of status: the status it moved to. */
  documentStatus?: string;
  unsubscribeUrl: string;
}

const STATUS: Record<MailLocale, Record<string, string>> = {
  it: {
    draft: 'è tornato in bozza',
    submitted: 'è stato inviato in revisione',
    changes_requested: 'ha bisogno di modifiche',
    published: 'è stato pubblicato',
    archived: 'è stato archiviato',
  },
  en: {
    draft: 'is back to draft',
    submitted: 'was submitted for review',
    changes_requested: 'needs changes',
    published: 'was published',
    archived: 'was archived',
  },
};
const statusOf = (locale: MailLocale, d: NotificationMailData) => STATUS[locale][d.documentStatus ?? ''] ?? '';

const SUBJECT: Record<MailLocale, Record<string, (d: NotificationMailData) => string>> = {
  it: {
    mention: (d) => `${d.actorName} ti ha menzionato in «${d.threadTitle}»`,
    reply: (d) => `${d.actorName} ha risposto al tuo messaggio in «${d.threadTitle}»`,
    watched_reply: (d) => `Nuova risposta in «${d.threadTitle}»`,
    new_thread: (d) => `Nuova discussione: «${d.threadTitle}»`,
    document_status: (d) => `Il documento «${d.threadTitle}» ${statusOf('it', d)}`,
  },
  en: {
    mention: (d) => `${d.actorName} mentioned you in “${d.threadTitle}”`,
    reply: (d) => `${d.actorName} replied to your post in “${d.threadTitle}”`,
    watched_reply: (d) => `New reply in “${d.threadTitle}”`,
    new_thread: (d) => `New thread: “${d.threadTitle}”`,
    document_status: (d) => `The document “${d.threadTitle}” ${statusOf('en', d)}`,
  },
};
const OPEN = { it: 'Apri la discussione', en: 'Open the thread' };
const OPEN_DOCUMENT = { it: 'Apri il documento', en: 'Open the document' };
const BY = { it: (name: string) => `Da ${name}.`, en: (name: string) => `By ${name}.` };

/**
 * One notification as a mail: who, where, the post itself (none for a document's change of
 * status), and a link to answer on the site.
 */
export function renderNotificationMail(locale: MailLocale, data: NotificationMailData): RenderedMail {
  const subject = (SUBJECT[locale][data.kind] ?? SUBJECT[locale].watched_reply)?.(data) ?? data.threadTitle;
  const document = data.documentStatus !== undefined;
  const open = document ? OPEN_DOCUMENT[locale] : OPEN[locale];
  const content = document
    ? `<p>${escapeHtml(BY[locale](data.actorName))}</p>`
    : `<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #d9dadb">${data.postHtml}</blockquote>`;
  const html = layout(
    locale,
    subject,
    `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>
${content}
<p><a href="${escapeHtml(data.threadUrl)}">${open}</a></p>`,
    data.unsubscribeUrl,
  );
  const body = document ? BY[locale](data.actorName) : data.postText;
  const text = `${subject}\n\n${body}\n\n${open}: ${data.threadUrl}${textFooter(locale, data.unsubscribeUrl)}`;
  return { subject, html, text };
}
