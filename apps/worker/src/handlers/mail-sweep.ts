import { unsentMails } from '@hubspoke/domain';
import { defaultJobOptions, eventJobId } from '@hubspoke/jobs';
import type { Handler } from '../registry.js';
import { planDigests } from './digests-plan.js';

const BATCH = 1_000;

/**
 * Every few minutes: each unsent account mail gets its send job back (same id as the relay's,
 * so a job still waiting or retrying is left alone, and one that failed for good or vanished
 * with its Redis is run again), and digests still due are planned again. The mail's `sent_at`
 * and the digest's claim keep each to one delivery.
 */
export const mailSweep: Handler<'mail.sweep'> = async (deps) => {
  const unsent = await unsentMails(deps, BATCH);
  const mails = await deps.revive(
    unsent.map((mail) => ({
      name: 'mail.send' as const,
      data: { eventId: mail.event_id },
      opts: { ...defaultJobOptions, jobId: eventJobId(mail.event_id), removeOnComplete: { age: 86_400 } },
    })),
  );
  const digests = await planDigests(deps);
  return { unsent: unsent.length, mailsRetried: mails, digestsDue: digests.planned, digestsRetried: digests.revived };
};
