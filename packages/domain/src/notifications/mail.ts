import {
  conversationRepo,
  documentListRepo,
  type EmailChoice,
  type NotificationKind,
  type NotificationRow,
  notificationRepo,
  pathRepo,
} from '@hubspoke/db';
import { toPlainText } from '@hubspoke/markdown';
import type { Deps } from '../shared/deps.js';
import { inLanes } from '../shared/lanes.js';
import { paths } from '../shared/urls.js';

type Choices = {
  email_mentions: EmailChoice;
  email_replies: EmailChoice;
  email_watched: EmailChoice;
  email_tutoring: EmailChoice;
};

/** Which preference governs mail for each kind of notification (tutoring covers document reviews too). */
export function emailChoiceFor(kind: NotificationKind | string, choices: Choices): EmailChoice {
  if (kind === 'mention') return choices.email_mentions;
  // A moderator's act on one's own thread or post counts as a reply to it.
  // A private message is written to the person, like a reply to them.
  if (kind === 'reply' || kind === 'moderated' || kind === 'conversation_message') return choices.email_replies;
  if (kind === 'watched_reply' || kind === 'new_thread') return choices.email_watched;
  return choices.email_tutoring;
}

/** The fresh notifications whose person wants a mail right away (after the grace period). */
export async function notificationsToMail(
  deps: Pick<Deps, 'db'>,
  created: NotificationRow[],
): Promise<NotificationRow[]> {
  const choices = new Map(
    (await notificationRepo.emailChoices(deps.db, [...new Set(created.map((n) => n.user_id))])).map((c) => [c.id, c]),
  );
  return created.filter((n) => {
    const c = choices.get(n.user_id);
    return c !== undefined && emailChoiceFor(n.kind, c) === 'immediately';
  });
}

export type NotificationMail =
  | { send: false; reason: string }
  | {
      send: true;
      to: string;
      locale: 'it' | 'en';
      userId: number;
      kind: string;
      actorName: string;
      threadTitle: string;
      threadUrl: string;
      postHtml: string;
      postText: string;
      /** For a document's change of status: the status it moved to, and the reviewer's comment. */
      documentStatus?: string;
      /** For a moderator's act on the person's thread or post: what was done. */
      moderation?: string;
      /** The reviewer's comment or the moderator's reason. */
      comment?: string;
      /** For a session coming tomorrow: when (Rome time, in the person's language) and where. */
      session?: { startsAt: string; place: string };
      /** For a private conversation: told in a line, never with what was written. */
      conversation?: true;
    };

/**
 * Decides, when the grace period is over, whether the mail still makes sense: not if it went
 * out already, the notification or the post was read, the post is gone, the person changed
 * their mind, or can no longer read the thread.
 */
async function prepareNotificationMail(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  notificationId: number,
): Promise<NotificationMail> {
  const n = await notificationRepo.findForMail(deps.db, notificationId);
  if (!n) return { send: false, reason: 'notification gone' };
  if (n.emailed_at) return { send: false, reason: 'already mailed' };
  if (n.read_at) return { send: false, reason: 'notification read' };
  if (n.kind === 'document_status') return prepareDocumentMail(deps, n);
  if (n.kind === 'moderated') return prepareModerationMail(deps, n);
  if (n.kind === 'session_reminder') return prepareSessionMail(deps, n);
  if (n.kind === 'conversation_message' || n.kind === 'conversation_flag') return prepareConversationMail(deps, n);
  if (n.post_number === null || n.deleted_at || n.hidden_at || n.thread_id === null || n.table_id === null)
    return { send: false, reason: 'post gone' };
  if ((n.last_read_post_number ?? 0) >= n.post_number) return { send: false, reason: 'post read' };
  if (emailChoiceFor(n.kind, n) !== 'immediately') return { send: false, reason: 'preference changed' };
  const thread = { table_id: n.table_id, draft_document_id: n.draft_document_id };
  if (!(await notificationRepo.canReadThread(deps.db, thread, [n.user_id])).has(n.user_id))
    return { send: false, reason: 'no longer visible' };
  return {
    send: true,
    to: n.email,
    locale: n.locale,
    userId: n.user_id,
    kind: n.kind,
    actorName: String(n.data.actorName ?? ''),
    threadTitle: n.thread_title ?? '',
    threadUrl: deps.config.publicUrl + paths.thread(n.thread_id, n.post_number),
    postHtml: n.body_html ?? '',
    postText: toPlainText(n.body_html ?? ''),
  };
}

type MailRow = NonNullable<Awaited<ReturnType<typeof notificationRepo.findForMail>>>;
type SentMail = Extract<NotificationMail, { send: true }>;

/** A mail told in a line (no post to quote): who, about what, and where to read it. */
function toldInALine(n: MailRow, url: string, extra: Partial<SentMail> = {}): SentMail {
  return {
    send: true,
    to: n.email,
    locale: n.locale,
    userId: n.user_id,
    kind: n.kind,
    actorName: String(n.data.actorName ?? ''),
    threadTitle: String(n.data.threadTitle ?? ''),
    threadUrl: url,
    postHtml: '',
    postText: '',
    ...extra,
  };
}

/** A document changed status: said in a line, with a link to the document, if it is still theirs to see. */
async function prepareDocumentMail(deps: Pick<Deps, 'db' | 'config'>, n: MailRow): Promise<NotificationMail> {
  const documentId = Number(n.data.documentId);
  if (emailChoiceFor(n.kind, n) !== 'immediately') return { send: false, reason: 'preference changed' };
  if (!(await documentListRepo.whoCanSee(deps.db, documentId, [n.user_id])).has(n.user_id))
    return { send: false, reason: 'no longer visible' };
  return toldInALine(n, deps.config.publicUrl + paths.document(documentId), {
    documentStatus: String(n.data.status ?? ''),
    comment: typeof n.data.comment === 'string' ? n.data.comment : '',
  });
}

/** A moderator locked, moved or hid something of theirs: said in a line with the reason, a link to the thread. */
async function prepareModerationMail(deps: Pick<Deps, 'db' | 'config'>, n: MailRow): Promise<NotificationMail> {
  if (emailChoiceFor(n.kind, n) !== 'immediately') return { send: false, reason: 'preference changed' };
  if (n.thread_id === null) return { send: false, reason: 'thread gone' };
  return toldInALine(n, deps.config.publicUrl + paths.thread(n.thread_id, n.post_number ?? 1), {
    moderation: String(n.data.moderation ?? ''),
    comment: typeof n.data.comment === 'string' ? n.data.comment : '',
  });
}

/** A session tomorrow: sent while it is still planned, still to come, and theirs to attend. */
async function prepareSessionMail(deps: Pick<Deps, 'db' | 'config' | 'clock'>, n: MailRow): Promise<NotificationMail> {
  if (emailChoiceFor(n.kind, n) !== 'immediately') return { send: false, reason: 'preference changed' };
  const tableId = Number(n.data.tableId);
  const session = await pathRepo.findSession(deps.db, tableId, Number(n.data.sessionId));
  if (!session || session.starts_at <= deps.clock.now()) return { send: false, reason: 'session gone or begun' };
  if ((await pathRepo.readersAmong(deps.db, tableId, [n.user_id])).length === 0)
    return { send: false, reason: 'no longer in the table' };
  return toldInALine(n, deps.config.publicUrl + paths.path(tableId), {
    actorName: '',
    threadTitle: session.title,
    session: { startsAt: session.starts_at.toISOString(), place: session.place ?? session.online_url ?? '' },
  });
}

/** A private message or a call to the moderators: sent while the person is still in it and has not read it. */
async function prepareConversationMail(deps: Pick<Deps, 'db' | 'config'>, n: MailRow): Promise<NotificationMail> {
  if (emailChoiceFor(n.kind, n) !== 'immediately') return { send: false, reason: 'preference changed' };
  const conversationId = Number(n.data.conversationId);
  const place = await conversationRepo.membership(deps.db, conversationId, n.user_id);
  if (!place || place.left_at !== null) return { send: false, reason: 'no longer in the conversation' };
  if (n.kind === 'conversation_message' && place.last_read_message_id >= Number(n.data.messageId))
    return { send: false, reason: 'message read' };
  return toldInALine(n, deps.config.publicUrl + paths.conversation(conversationId), { conversation: true });
}

/** Renders and sends one notification's mail. Supplied by the worker. */
export type DeliverNotificationMail = (notificationId: number, mail: SentMail) => Promise<void>;

/** What became of one mail of a batch: `skipped` says why it made no sense any more. */
export type NotificationMailResult = { notificationId: number } & (
  | { outcome: 'sent' }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; error: unknown }
);

/** How many notification mails of a batch go to the mail server at once. */
export const NOTIFICATION_SEND_CONCURRENCY = 10;

/**
 * A batch of notification mails, each decided when its grace period is over (see
 * prepareNotificationMail) and stamped as soon as the server took it, so a retry of the batch
 * sends only the ones that failed and a crash resends at most the mails in flight. Never throws
 * for one mail's sake: see each result.
 */
export async function mailNotifications(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  notificationIds: readonly number[],
  deliver: DeliverNotificationMail,
  concurrency = NOTIFICATION_SEND_CONCURRENCY,
): Promise<NotificationMailResult[]> {
  const results: NotificationMailResult[] = [];
  await inLanes(notificationIds, concurrency, async (notificationId) => {
    try {
      const mail = await prepareNotificationMail(deps, notificationId);
      if (!mail.send) {
        results.push({ notificationId, outcome: 'skipped', reason: mail.reason });
        return;
      }
      await deliver(notificationId, mail);
      await notificationRepo.markEmailed(deps.db, notificationId, deps.clock.now());
      results.push({ notificationId, outcome: 'sent' });
    } catch (error) {
      results.push({ notificationId, outcome: 'failed', error });
    }
  });
  return results;
}
