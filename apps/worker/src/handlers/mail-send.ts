import { eventRepo, mailOutboxRepo } from '@hubspoke/db';
import { isAccountTemplate, renderAccountMail } from '@hubspoke/mail';
import { UnrecoverableError } from 'bullmq';
import type { Handler } from '../registry.js';

/** Sends a queued account mail once; a retry after a successful send finds it stamped and stops. */
export const mailSend: Handler<'mail.send'> = async ({ db, mailer, clock }, { eventId }) => {
  const event = await eventRepo.findById(db, eventId);
  const mailId = Number(event?.data.mailId);
  const mail = Number.isSafeInteger(mailId) ? await mailOutboxRepo.findById(db, mailId) : undefined;
  if (!mail) throw new UnrecoverableError(`no queued mail for event ${eventId}`);
  if (mail.sent_at) return { skipped: 'already sent' };
  if (!isAccountTemplate(mail.template)) throw new UnrecoverableError(`unknown mail template ${mail.template}`);
  const rendered = renderAccountMail(mail.template, mail.locale, mail.data as { url: string; expiresAt: string });
  const messageId = `<mail-${mail.id}@hubspoke>`;
  await mailer.send({ to: mail.recipient, ...rendered, messageId });
  await mailOutboxRepo.markSent(db, mail.id, clock.now(), messageId);
  return { sent: mail.id };
};
