import { mailOutboxRepo } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';
import { findOutboxEvent } from '../shared/outbox.js';

/** A queued account mail (invitation, password reset), as `queueMail` wrote it. */
export type QueuedMail = NonNullable<Awaited<ReturnType<typeof mailOutboxRepo.findById>>>;

/**
 * Renders the mail and hands it to the mail server under `messageId`. Supplied by the worker,
 * which knows the templates and the transport.
 */
export type DeliverQueuedMail = (mail: QueuedMail, messageId: string) => Promise<void>;

export type QueuedMailOutcome =
  | { sent: number }
  | { skipped: 'already sent' }
  /** The event names no queued mail: running again cannot change that. */
  | { missing: string };

/**
 * Sends the mail a `mail.queued` outbox event announced, once: the row is stamped after the
 * send, so a retry after a successful send finds it stamped and stops. A send that fails
 * leaves the row unstamped for the job's retry (or the sweep).
 */
export async function sendQueuedMail(
  deps: Pick<Deps, 'db' | 'clock'>,
  eventId: number,
  deliver: DeliverQueuedMail,
): Promise<QueuedMailOutcome> {
  const event = await findOutboxEvent(deps, eventId);
  const mailId = Number(event?.data.mailId);
  const mail = Number.isSafeInteger(mailId) ? await mailOutboxRepo.findById(deps.db, mailId) : undefined;
  if (!mail) return { missing: `no queued mail for event ${eventId}` };
  if (mail.sent_at) return { skipped: 'already sent' };
  const messageId = `<mail-${mail.id}@hubspoke>`;
  await deliver(mail, messageId);
  await mailOutboxRepo.markSent(deps.db, mail.id, deps.clock.now(), messageId);
  return { sent: mail.id };
}

/**
 * Account mails not sent yet, oldest first (at most `limit`), each with the outbox event that
 * announced it: what the sweep makes sure has a live send job.
 */
export const unsentMails = (deps: Pick<Deps, 'db'>, limit: number) => mailOutboxRepo.listUnsent(deps.db, limit);
