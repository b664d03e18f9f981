import type { NotificationRow } from '@hubspoke/db';
import { notificationsToMail } from '@hubspoke/domain';
import { defaultJobOptions, notificationMailsJobId } from '@hubspoke/jobs';
import type { WorkerDeps } from './registry.js';

/** Mails per `notification.emails` job: a new thread in a watched table may call for thousands. */
export const NOTIFICATION_MAILS_PER_JOB = 50;

/**
 * Schedules the mails `source` (an event's or a nudge's job id) called for, after `delayMs`
 * (the grace period, for mails a visit to the forum can make pointless), in batches of
 * NOTIFICATION_MAILS_PER_JOB. Batches are cut from all the notifications given, in id order,
 * before leaving out those mailed already or unwanted: a re-run with the same notifications puts
 * each one in the batch of the same job id, so nothing is scheduled twice.
 */
export async function scheduleNotificationMails(
  deps: WorkerDeps,
  source: string,
  notifications: NotificationRow[],
  delayMs = 0,
): Promise<number> {
  const sorted = [...notifications].sort((a, b) => a.id - b.id);
  const wanted = new Set((await notificationsToMail(deps, sorted)).map((n) => n.id));
  const jobs = [];
  for (let start = 0; start < sorted.length; start += NOTIFICATION_MAILS_PER_JOB) {
    const notificationIds = sorted
      .slice(start, start + NOTIFICATION_MAILS_PER_JOB)
      .filter((n) => n.emailed_at === null && wanted.has(n.id))
      .map((n) => n.id);
    if (notificationIds.length === 0) continue;
    const jobId = notificationMailsJobId(source, start / NOTIFICATION_MAILS_PER_JOB);
    jobs.push({
      name: 'notification.emails' as const,
      data: { notificationIds },
      opts: { ...defaultJobOptions, jobId, ...(delayMs ? { delay: delayMs } : {}) },
    });
  }
  await deps.enqueueMany(jobs);
  return jobs.reduce((sum, job) => sum + job.data.notificationIds.length, 0);
}
