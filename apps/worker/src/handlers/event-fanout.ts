import { fanOutEvent, findOutboxEvent, notificationsOfEvent } from '@hubspoke/domain';
import { eventJobId } from '@hubspoke/jobs';
import { UnrecoverableError } from 'bullmq';
import { scheduleNotificationMails } from '../notification-mails.js';
import type { Handler } from '../registry.js';

/**
 * Notifications for a forum event; their live events are announced once committed, and
 * immediate mails are scheduled after the grace period. Mails are scheduled for every
 * notification of the event not yet mailed, not only the ones this run wrote: a run that
 * committed its notifications and then failed (a dropped connection) leaves the retry nothing
 * new to write, and its mails would otherwise never be scheduled. Job ids keep it to one each.
 */
export const eventFanout: Handler<'event.fanout'> = async (deps, { eventId }) => {
  const event = await findOutboxEvent(deps, eventId);
  if (!event) throw new UnrecoverableError(`event ${eventId} does not exist`);
  const { eventIds, notifications } = await fanOutEvent(deps, event);
  deps.events.publish(eventIds);
  const all = await notificationsOfEvent(deps, eventId);
  const mails = await scheduleNotificationMails(
    deps,
    eventJobId(eventId),
    all,
    deps.config.mail.notifyDelaySeconds * 1000,
  );
  return { notifications: notifications.length, mails };
};
