import { notificationsOfEvent } from '@hubspoke/domain';
import { eventJobId } from '@hubspoke/jobs';
import { scheduleNotificationMails } from '../notification-mails.js';
import type { Handler } from '../registry.js';

/**
 * Mails for notifications written in the same transaction as their event (a document changing
 * status notifies its author and followers there), after the usual grace period.
 */
export const eventMail: Handler<'event.mail'> = async (deps, { eventId }) => {
  const notifications = await notificationsOfEvent(deps, eventId);
  const mails = await scheduleNotificationMails(
    deps,
    eventJobId(eventId),
    notifications,
    deps.config.mail.notifyDelaySeconds * 1000,
  );
  return { notifications: notifications.length, mails };
};
