import { fanOutEvent, findOutboxEvent } from '@hubspoke/domain';
import { UnrecoverableError } from 'bullmq';
import { scheduleNotificationMails } from '../notification-mails.js';
import type { Handler } from '../registry.js';

/**
 * Notifications for a forum event; their live events are announced once committed, and
 * immediate mails are scheduled after the grace period (a re-run schedules nothing twice).
 */
export const eventFanout: Handler<'event.fanout'> = async (deps, { eventId }) => {
  const event = await findOutboxEvent(deps, eventId);
  if (!event) throw new UnrecoverableError(`event ${eventId} does not exist`);
  const { eventIds, notifications } = await fanOutEvent(deps, event);
  deps.events.publish(eventIds);
  const mails = await scheduleNotificationMails(deps, notifications, deps.config.mail.notifyDelaySeconds * 1000);
  return { notifications: notifications.length, mails };
};
