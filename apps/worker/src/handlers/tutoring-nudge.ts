import { sendNudge } from '@hubspoke/domain';
import { nudgeJobId } from '@hubspoke/jobs';
import { scheduleNotificationMails } from '../notification-mails.js';
import type { Handler } from '../registry.js';

/** A reminder to the tutor or an escalation to the moderators, in-app and by mail per preference. */
export const tutoringNudge: Handler<'tutoring.nudge'> = async (deps, job) => {
  const { eventIds, notifications } = await sendNudge(deps, job);
  deps.events.publish(eventIds);
  await scheduleNotificationMails(deps, nudgeJobId(job), notifications);
  return { notified: notifications.length };
};
