import { eventRepo } from '@hubspoke/db';
import { fanOutEvent, notificationsToMail } from '@hubspoke/domain';
import { defaultJobOptions, notificationMailJobId } from '@hubspoke/jobs';
import { UnrecoverableError } from 'bullmq';
import type { Handler } from '../registry.js';

/**
 * Notifications for a forum event; their live events are announced once committed, and
 * immediate mails are scheduled after the grace period (a re-run schedules nothing twice).
 */
export const eventFanout: Handler<'event.fanout'> = async (deps, { eventId }) => {
  const event = await eventRepo.findById(deps.db, eventId);
  if (!event) throw new UnrecoverableError(`event ${eventId} does not exist`);
  const { eventIds, notifications } = await fanOutEvent(deps, event);
  deps.events.publish(eventIds);
  const toMail = await notificationsToMail(deps, notifications);
  await deps.enqueueMany(
    toMail.map((n) => ({
      name: 'notification.email' as const,
      data: { notificationId: n.id },
      opts: {
        ...defaultJobOptions,
        jobId: notificationMailJobId(n.id),
        delay: deps.config.mail.notifyDelaySeconds * 1000,
      },
    })),
  );
  return { notifications: notifications.length, mails: toMail.length };
};
