import type { UserRow } from '@hubspoke/db';
import { type DigestData, DigestInProgressError, runDigest, runDigests } from '@hubspoke/domain';
import { digestMail } from '@hubspoke/mail';
import type { Handler, WorkerDeps } from '../registry.js';

const deliver = (deps: WorkerDeps) => async (user: UserRow, digest: DigestData, period: string) => {
  const mail = digestMail(deps.config, user, digest, period);
  await deps.mailer.send(mail);
  return mail.messageId;
};

/** One person's digest for one period (see runDigest for why it is sent at most once). */
export const digestSend: Handler<'digest.send'> = async (deps, job) => ({
  outcome: await runDigest(deps, job, deliver(deps)),
});

/**
 * A batch of digests (see runDigests). The job fails while any of them is unsent: a send that
 * failed (its claim released) or one another process holds (if that process dies, the claim
 * goes stale and a retry takes it over). The retry sends only those; the rest read as done.
 */
export const digestsSend: Handler<'digests.send'> = async (deps, job) => {
  const { results } = await runDigests(deps, job.digests, deliver(deps));
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  const failed = results.find((r) => r.outcome === 'failed');
  if (failed && 'error' in failed) {
    const reason = failed.error instanceof Error ? failed.error.message : String(failed.error);
    throw new Error(`${counts.failed} of ${results.length} digests not sent (first: ${reason})`, {
      cause: failed.error,
    });
  }
  const busy = results.find((r) => r.outcome === 'busy');
  if (busy) throw new DigestInProgressError(busy.userId, busy.period);
  return counts;
};
