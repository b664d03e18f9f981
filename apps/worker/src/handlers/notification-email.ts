import { markNotificationEmailed, prepareNotificationMail } from '@hubspoke/domain';
import { renderNotificationMail, unsubscribeHeaders, unsubscribeToken } from '@hubspoke/mail';
import type { Handler } from '../registry.js';

/** One immediate notification mail, unless the grace period made it pointless. */
export const notificationEmail: Handler<'notification.email'> = async (deps, { notificationId }) => {
  const mail = await prepareNotificationMail(deps, notificationId);
  if (!mail.send) return { skipped: mail.reason };
  const unsubscribeUrl = `${deps.config.publicUrl}/email/unsubscribe/${unsubscribeToken(deps.config.appSecret, mail.userId, 'notifications')}`;
  const rendered = renderNotificationMail(mail.locale, { ...mail, unsubscribeUrl });
  await deps.mailer.send({
    to: mail.to,
    ...rendered,
    messageId: `<notification-${notificationId}@hubspoke>`,
    headers: unsubscribeHeaders(unsubscribeUrl),
  });
  await markNotificationEmailed(deps, notificationId);
  return { sent: notificationId };
};
