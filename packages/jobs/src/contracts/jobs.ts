/** Every job the worker runs, in one queue. Each name has exactly one handler in apps/worker. */
export const QUEUE_NAME = 'main';

export const JOB_NAMES = [
  'sessions.cleanup',
  'events.cleanup',
  'event.fanout',
  'event.mail',
  'mail.send',
  'notification.email',
  'notification.emails',
  'digests.plan',
  'digest.send',
  'digests.send',
  'mail.sweep',
  'tutoring.schedule',
  'tutoring.nudge',
  'export.build',
  'surveys.announce',
  'path.remind',
  'uploads.cleanup',
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
  /** One immediate notification mail (as scheduled before they went out in batches). */
  'notification.email': { notificationId: number };
  /** Immediate notification mails of one event or nudge, delayed by the grace period, a batch per job. */
  'notification.emails': { notificationIds: number[] };
  'digests.plan': Record<string, never>;
  /** One person's digest for one period (as planned before digests went out in batches). */
  'digest.send': { userId: number; period: string };
  /** Many people's digests, each for its own period: built in a few statements, sent over pooled connections. */
  'digests.send': { digests: Array<{ userId: number; period: string }> };
  /** Re-enqueues unsent account mails and due digests whose jobs failed for good or were lost. */
  'mail.sweep': Record<string, never>;
  /** Schedules the reminder and escalation of a question assignment (from its outbox event). */
  'tutoring.schedule': { eventId: number };
  'tutoring.nudge': { threadId: number; assignedAt: string; which: NudgeKind };
  /** Builds a person's data export and mails its one-time link (from its `export.requested` outbox event). */
  'export.build': { eventId: number };
  /** Tells people of the surveys whose opening time has come. */
  'surveys.announce': Record<string, never>;
  /** Reminds each table's people of the sessions starting within a day. */
  'path.remind': Record<string, never>;
  /** Removes composer uploads no post took within a day. */
  'uploads.cleanup': Record<string, never>;
}

/** The two nudges of a question assignment: a reminder to the tutor, then an escalation to the moderators. */
export type NudgeKind = 'reminder' | 'escalation';

/** Outbox events the relay hands to a job, by event name. */
export const RELAYED_EVENTS: Record<string, JobName> = {
  'post.created': 'event.fanout',
  'thread.created': 'event.fanout',
  'mail.queued': 'mail.send',
  'question.assigned': 'tutoring.schedule',
  'document.updated': 'event.mail',
  'moderation.noticed': 'event.mail',
  'session.reminder': 'event.mail',
  'conversation.message': 'event.mail',
  'conversation.flagged': 'event.mail',
  'export.requested': 'export.build',
};
