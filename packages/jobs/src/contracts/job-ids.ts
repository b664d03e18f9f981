import { createHash } from 'node:crypto';
import type { JobPayloads } from './jobs.js';

/**
 * Deterministic job ids: enqueueing the same work twice is a no-op. None contains ':' and none
 * is all digits (BullMQ reserves both).
 */

/** The job an outbox event was relayed to (the mail sweep re-enqueues account mails under the same id). */
export const eventJobId = (eventId: number) => `event-${eventId}`;

/**
 * The k-th batch of the notification mails `source` (an event's or a nudge's job id) called for:
 * batches are cut from all of its notifications in id order, so a re-run lands each notification
 * in the job that already has it.
 */
export const notificationMailsJobId = (source: string, batch: number) => `notification-mails-${source}-${batch}`;

/** One person's digest for one period. */
export const digestJobId = (userId: number, period: string) => `digest-${userId}-${period}`;

/**
 * A batch of digests, named by what it holds: planning the same people and periods again while
 * the batch waits or retries is a no-op, and a batch that failed for good is found to revive.
 */
export const digestBatchJobId = (digests: JobPayloads['digests.send']['digests']) =>
  `digests-${createHash('sha256')
    .update(digests.map((d) => `${d.userId} ${d.period}`).join('\n'))
    .digest('hex')
    .slice(0, 32)}`;

/** One nudge of one assignment: a question assigned again gets nudges of its own. */
export const nudgeJobId = ({ which, threadId, assignedAt }: JobPayloads['tutoring.nudge']) =>
  `nudge-${which}-${threadId}-${new Date(assignedAt).getTime()}`;
