import type { NotificationRow } from '@hubspoke/db';
import { notificationsToMail } from '@hubspoke/domain';
import { defaultJobOptions, notificationMailJobId } from '@hubspoke/jobs';
import type { WorkerDeps } from './registry.js';

/**
 * Schedules a mail for each fresh notification whose person wants one right away, after
 * `delayMs` (the grace period, for mails a visit to the forum can make pointless). One job id
 * per notification: a re-run schedules nothing twice.
 */
export async function scheduleNotificationMails(
  deps: WorkerDeps,
  notifications: NotificationRow[],
  delayMs = 0,
): Promise<number> {
  const toMail = await notificationsToMail(deps, notifications);
  await deps.enqueueMany(
    toMail.map((n) => ({
      name: 'notification.email' as const,
      data: { notificationId: n.id },
      opts: { ...defaultJobOptions, jobId: notificationMailJobId(n.id), ...(delayMs ? { delay: delayMs } : {}) },
    })),
  );
  return toMail.length;
}
