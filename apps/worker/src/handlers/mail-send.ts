import { sendQueuedMail } from '@hubspoke/domain';
import { isAccountTemplate, renderAccountMail } from '@hubspoke/mail';
import { UnrecoverableError } from 'bullmq';
import type { Handler } from '../registry.js';

/** Sends a queued account mail once (see sendQueuedMail); one that can never be sent fails for good. */
export const mailSend: Handler<'mail.send'> = async ({ db, clock, mailer }, { eventId }) => {
  const outcome = await sendQueuedMail({ db, clock }, eventId, async (mail, messageId) => {
    if (!isAccountTemplate(mail.template)) throw new UnrecoverableError(`unknown mail template ${mail.template}`);
    const rendered = renderAccountMail(
      mail.template,
      mail.locale,
      mail.data as Parameters<typeof renderAccountMail>[2],
    );
    await mailer.send({ to: mail.recipient, ...rendered, messageId });
  });
  if ('missing' in outcome) throw new UnrecoverableError(outcome.missing);
  return outcome;
};
