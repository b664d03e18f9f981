import { describeNotification, type Locale, translator } from '@hubspoke/i18n';
import { escapeHtml } from '@hubspoke/markdown';
import type { RenderedMail } from './account.js';
import { layout, textFooter } from './layout.js';

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
  /** Set for a session coming tomorrow: its start (ISO) and its place or online link. */
  session?: { startsAt: string; place: string };
  /** Set for a private conversation: the mail says who wrote, never what. */
  conversation?: true;
  unsubscribeUrl: string;
}

/** A moment as people in Rome read it, in the mail's language: "martedì 8 dicembre 2026, 09:30". */
const romeDateTime = (locale: Locale, iso: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'it-IT', {
    timeZone: 'Europe/Rome',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(iso));

/**
 * One notification as a mail: who, where, the post itself (none for a document's change of
 * status), and a link to answer on the site.
 */
export function renderNotificationMail(locale: Locale, data: NotificationMailData): RenderedMail {
  const t = translator(locale);
  const subject = describeNotification(t, {
    kind: data.kind,
    detail: data.documentStatus ?? data.moderation,
    actor: data.actorName,
    title: data.threadTitle,
  });
  const document = data.documentStatus !== undefined;
  // A document's news, a moderator's act and a session reminder are told in a line: there is no post to quote.
  const told = document || data.moderation !== undefined || data.session !== undefined || data.conversation === true;
  const open = t(
    data.conversation
      ? 'mail.notification.openConversation'
      : data.session
        ? 'mail.notification.openPath'
        : document
          ? 'mail.notification.openDocument'
          : 'mail.notification.openThread',
  );
  const by = data.session
    ? t('mail.notification.session', {
        when: romeDateTime(locale, data.session.startsAt),
        place: data.session.place || 'none',
      })
    : t('mail.notification.by', { name: data.actorName });
  const comment = data.comment
    ? t(data.moderation ? 'notifications.reason' : 'notifications.comment', { comment: data.comment })
    : '';
  const content = told
    ? `<p>${escapeHtml(by)}</p>${comment ? `<p>${escapeHtml(comment)}</p>` : ''}`
    : `<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #d9dadb">${data.postHtml}</blockquote>`;
  const html = layout(
    locale,
    subject,
    `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>
${content}
<p><a href="${escapeHtml(data.threadUrl)}">${escapeHtml(open)}</a></p>`,
    data.unsubscribeUrl,
  );
  const body = told ? [by, comment].filter(Boolean).join('\n\n') : data.postText;
  const text = `${subject}\n\n${body}\n\n${open}: ${data.threadUrl}${textFooter(locale, data.unsubscribeUrl)}`;
  return { subject, html, text };
}
