import type { DefaultJobOptions } from 'bullmq';

/** Every job the worker runs, in one queue. Each name has exactly one handler in apps/worker. */
export const QUEUE_NAME = 'main';

export const JOB_NAMES = [
  'sessions.cleanup',
  'events.cleanup',
  'event.fanout',
  'event.mail',
  'mail.send',
  'notification.email',
  'digests.plan',
  'digest.send',
  'mail.sweep',
  'tutoring.schedule',
  'tutoring.nudge',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobPayloads {
  'sessions.cleanup': Record<string, never>;
  'events.cleanup': Record<string, never>;
  /** Notifications for one outbox event. */
  'event.fanout': { eventId: number };
  /** Mails the notifications an outbox event created in its own transaction (document status changes). */
  'event.mail': { eventId: number };
  /** A queued mail (invitation, password reset), announced by its outbox event. */
  'mail.send': { eventId: number };
  /** An immediate notification mail, delayed by the grace period. */
  'notification.email': { notificationId: number };
  'digests.plan': Record<string, never>;
  'digest.send': { userId: number; period: string };
  /** Re-enqueues unsent account mails and due digests whose jobs failed for good or were lost. */
  'mail.sweep': Record<string, never>;
  /** Schedules the reminder and escalation of a question assignment (from its outbox event). */
  'tutoring.schedule': { eventId: number };
  'tutoring.nudge': { threadId: number; assignedAt: string; which: 'reminder' | 'escalation' };
}

/** Outbox events the relay hands to a job, by event name. */
export const RELAYED_EVENTS: Record<string, JobName> = {
  'post.created': 'event.fanout',
  'thread.created': 'event.fanout',
  'mail.queued': 'mail.send',
  'question.assigned': 'tutoring.schedule',
  'document.updated': 'event.mail',
  'moderation.noticed': 'event.mail',
};

export const notificationMailJobId = (notificationId: number) => `notification-mail-${notificationId}`;

/** Deterministic ids: enqueueing the same event twice is a no-op (no ':' and never all digits). */
export const eventJobId = (eventId: number) => `event-${eventId}`;

/** The backoff every job uses; the worker computes its delays (see `retryDelay`). */
export const RETRY_BACKOFF = 'capped';

/**
 * Retries are bounded by time, not by count: a mail server refusing for an hour must not turn
 * into a mail lost after half a minute. The attempts are only a ceiling far above what the
 * time allows.
 */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 10_000,
  backoff: { type: RETRY_BACKOFF },
  removeOnComplete: true,
  removeOnFail: false,
};

export interface RetryPolicy {
  retryBaseMs: number;
  retryMaxMs: number;
  retryForSeconds: number;
}

/**
 * The wait before retry number `attemptsMade` of a job first due at `firstDueAt`: doubling from
 * the base, capped; -1 (fail for good) once the retry window has passed.
 */
export function retryDelay(policy: RetryPolicy, attemptsMade: number, firstDueAt: number, now: number): number {
  if (now - firstDueAt >= policy.retryForSeconds * 1000) return -1;
  const exponent = Math.min(Math.max(attemptsMade - 1, 0), 40);
  return Math.min(policy.retryBaseMs * 2 ** exponent, policy.retryMaxMs);
}
