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
  /** Set for a moderator's act on the person's thread or post: `lock`, `move` or `hide`. */
  moderation?: string;
  /** What the reviewer wrote, or the moderator's reason. */
  comment?: string;
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

// Each kind says what happened; a kind without words of its own reads as news in the thread.
const SUBJECT: Record<MailLocale, Record<string, (d: NotificationMailData) => string>> = {
  it: {
    mention: (d) => `${d.actorName} ti ha menzionato in «${d.threadTitle}»`,
    reply: (d) => `${d.actorName} ha risposto al tuo messaggio in «${d.threadTitle}»`,
    watched_reply: (d) => `Nuova risposta in «${d.threadTitle}»`,
    new_thread: (d) => `Nuova discussione: «${d.threadTitle}»`,
    document_status: (d) => `Il documento «${d.threadTitle}» ${statusOf('it', d)}`,
    question_assigned: (d) => `Nuova domanda per te da ${d.actorName}: «${d.threadTitle}»`,
    tutor_answer: (d) => `${d.actorName} (tutor) ha risposto alla tua domanda «${d.threadTitle}»`,
    asker_followup: (d) => `${d.actorName} ha aggiunto un messaggio alla domanda «${d.threadTitle}»`,
    question_reminder: (d) => `Promemoria: la domanda «${d.threadTitle}» aspetta ancora una risposta`,
    question_escalated: (d) => `Domanda senza risposta da troppo tempo: «${d.threadTitle}»`,
    answer_accepted: (d) => `${d.actorName} ha accettato la risposta a «${d.threadTitle}»`,
    moderated: (d) =>
      d.moderation === 'hide'
        ? `${d.actorName} ha nascosto un tuo messaggio in «${d.threadTitle}»`
        : `${d.actorName} ha ${d.moderation === 'move' ? 'spostato' : 'chiuso'} la tua discussione «${d.threadTitle}»`,
    other: (d) => `Novità in «${d.threadTitle}»`,
  },
  en: {
    mention: (d) => `${d.actorName} mentioned you in “${d.threadTitle}”`,
    reply: (d) => `${d.actorName} replied to your post in “${d.threadTitle}”`,
    watched_reply: (d) => `New reply in “${d.threadTitle}”`,
    new_thread: (d) => `New thread: “${d.threadTitle}”`,
    document_status: (d) => `The document “${d.threadTitle}” ${statusOf('en', d)}`,
    question_assigned: (d) => `A new question for you from ${d.actorName}: “${d.threadTitle}”`,
    tutor_answer: (d) => `${d.actorName} (tutor) answered your question “${d.threadTitle}”`,
    asker_followup: (d) => `${d.actorName} added a post to the question “${d.threadTitle}”`,
    question_reminder: (d) => `Reminder: the question “${d.threadTitle}” still awaits an answer`,
    question_escalated: (d) => `Unanswered for too long: “${d.threadTitle}”`,
    answer_accepted: (d) => `${d.actorName} accepted the answer to “${d.threadTitle}”`,
    moderated: (d) =>
      d.moderation === 'hide'
        ? `${d.actorName} hid a post of yours in “${d.threadTitle}”`
        : `${d.actorName} ${d.moderation === 'move' ? 'moved' : 'locked'} your thread “${d.threadTitle}”`,
    other: (d) => `News in “${d.threadTitle}”`,
  },
};
const COMMENT = { it: 'Il commento:', en: 'The comment:' };
const REASON = { it: 'Il motivo:', en: 'The reason:' };
const OPEN = { it: 'Apri la discussione', en: 'Open the thread' };
const OPEN_DOCUMENT = { it: 'Apri il documento', en: 'Open the document' };
const BY = { it: (name: string) => `Da ${name}.`, en: (name: string) => `By ${name}.` };

/**
 * One notification as a mail: who, where, the post itself (none for a document's change of
 * status), and a link to answer on the site.
 */
export function renderNotificationMail(locale: MailLocale, data: NotificationMailData): RenderedMail {
  const subject = (SUBJECT[locale][data.kind] ?? SUBJECT[locale].other)?.(data) ?? data.threadTitle;
  const document = data.documentStatus !== undefined;
  // A document's news and a moderator's act are told in a line: there is no post to quote.
  const told = document || data.moderation !== undefined;
  const open = document ? OPEN_DOCUMENT[locale] : OPEN[locale];
  const comment = data.comment ? `${(document ? COMMENT : REASON)[locale]} ${data.comment}` : '';
  const content = told
    ? `<p>${escapeHtml(BY[locale](data.actorName))}</p>${comment ? `<p>${escapeHtml(comment)}</p>` : ''}`
    : `<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #d9dadb">${data.postHtml}</blockquote>`;
  const html = layout(
    locale,
    subject,
    `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>
${content}
<p><a href="${escapeHtml(data.threadUrl)}">${open}</a></p>`,
    data.unsubscribeUrl,
  );
  const body = told ? [BY[locale](data.actorName), comment].filter(Boolean).join('\n\n') : data.postText;
  const text = `${subject}\n\n${body}\n\n${open}: ${data.threadUrl}${textFooter(locale, data.unsubscribeUrl)}`;
  return { subject, html, text };
}
