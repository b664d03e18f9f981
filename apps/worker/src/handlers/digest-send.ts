import { runDigest } from '@hubspoke/domain';
import { digestMail } from '@hubspoke/mail';
import type { Handler } from '../registry.js';

/** One person's digest for one period (see runDigest for why it is sent at most once). */
export const digestSend: Handler<'digest.send'> = async (deps, job) => ({
  outcome: await runDigest(deps, job, async (user, digest, period) => {
    const mail = digestMail(deps.config, user, digest, period);
    await deps.mailer.send(mail);
    return mail.messageId;
  }),
});
