import { type DeliverNotificationMail, mailNotifications } from '@hubspoke/domain';
import { renderNotificationMail, unsubscribeHeaders, unsubscribeToken } from '@hubspoke/mail';
import type { Handler, WorkerDeps } from '../registry.js';

const deliver =
  (deps: WorkerDeps): DeliverNotificationMail =>
  async (notificationId, mail) => {
    const unsubscribeUrl = `${deps.config.publicUrl}/email/unsubscribe/${unsubscribeToken(deps.config.appSecret, mail.userId, 'notifications')}`;
    await deps.mailer.send({
      to: mail.to,
      ...renderNotificationMail(mail.locale, { ...mail, unsubscribeUrl }),
      messageId: `<notification-${notificationId}@hubspoke>`,
      headers: unsubscribeHeaders(unsubscribeUrl),
    });
  };

/**
 * A batch of immediate notification mails, unless the grace period made them pointless. The
 * job fails while any of them is unsent; its retry sends only those, the rest read as mailed.
 */
export const notificationEmails: Handler<'notification.emails'> = async (deps, { notificationIds }) => {
  const results = await mailNotifications(deps, notificationIds, deliver(deps));
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  const failed = results.find((r) => r.outcome === 'failed');
  if (failed) {
    const reason = failed.error instanceof Error ? failed.error.message : String(failed.error);
    throw new Error(`${counts.failed} of ${results.length} notification mails not sent (first: ${reason})`, {
      cause: failed.error,
    });
  }
  return counts;
};

/** One mail, as scheduled before mails went out in batches: a batch of one. */
export const notificationEmail: Handler<'notification.email'> = (deps, { notificationId }) =>
  notificationEmails(deps, { notificationIds: [notificationId] });
