import { eventRepo, type Locale, mailOutboxRepo, type Tx } from '@hubspoke/db';

/**
 * Queues a mail inside the caller's transaction: the mail row and an outbox event that the
 * worker's relay turns into a send job. A rollback takes both away; a commit loses neither.
 */
export async function queueMail(
  tx: Tx,
  mail: { template: string; recipient: string; locale: Locale; data: Record<string, unknown> },
): Promise<number> {
  const mailId = await mailOutboxRepo.insert(tx, mail);
  await eventRepo.insert(tx, { name: 'mail.queued', rooms: [], data: { mailId } });
  return mailId;
}
