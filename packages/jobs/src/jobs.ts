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
};

export const notificationMailJobId = (notificationId: number) => `notification-mail-${notificationId}`;

/** Deterministic ids: enqueueing the same event twice is a no-op (no ':' and never all digits). */
export const eventJobId = (eventId: number) => `event-${eventId}`;

export const defaultJobOptions: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: false,
};
