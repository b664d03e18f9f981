import { notificationsToMail, sendNudge } from '@hubspoke/domain';
import { defaultJobOptions, notificationMailJobId } from '@hubspoke/jobs';
import type { Handler } from '../registry.js';

/** A reminder to the tutor or an escalation to the moderators, in-app and by mail per preference. */
export const tutoringNudge: Handler<'tutoring.nudge'> = async (deps, job) => {
  const { eventIds, notifications } = await sendNudge(deps, job);
  deps.events.publish(eventIds);
  const toMail = await notificationsToMail(deps, notifications);
  await deps.enqueueMany(
    toMail.map((n) => ({
      name: 'notification.email' as const,
      data: { notificationId: n.id },
      opts: { ...defaultJobOptions, jobId: notificationMailJobId(n.id) },
    })),
  );
  return { notified: notifications.length };
};
