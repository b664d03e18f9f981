import { digestRepo, type UserRow } from '@hubspoke/db';
import type { JobPayloads } from '@hubspoke/jobs';
import type { Deps } from '../shared/deps.js';
import { DigestInProgressError } from '../shared/errors.js';
import { buildDigest, type DigestData } from './content.js';
import { firstDigestFrom, staleClaimBefore } from './plan.js';

export type DigestOutcome = 'sent' | 'empty' | 'skipped' | 'already_done' | 'off';

/** Renders and sends the mail; returns its Message-ID. Supplied by the worker or the admin CLI. */
export type DeliverDigest = (user: UserRow, digest: DigestData, period: string) => Promise<string>;

/**
 * One person's digest for one period, at most once: the period is claimed in PostgreSQL before
 * anything is sent and stamped after, so a retry, a crash or a second worker does not send it
 * again. A failed send releases the claim, so the job's retry can try again at once. A period
 * another process is sending throws DigestInProgressError: not a failure, just not ours yet.
 */
export async function runDigest(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  job: JobPayloads['digest.send'],
  deliver: DeliverDigest,
): Promise<DigestOutcome> {
  const now = deps.clock.now();
  const claimed = await digestRepo.claimPeriod(deps.db, {
    userId: job.userId,
    period: job.period,
    now,
    staleBefore: staleClaimBefore(deps, now),
    firstFrom: firstDigestFrom(now),
  });
  if (!claimed || claimed.claim === 'off') return 'off';
  if (claimed.claim === 'done') return 'already_done';
  // Someone else is sending it right now; if they die, this job's retry takes over the claim
  // once it is stale (config.jobs.staleClaimMs).
  if (claimed.claim === 'busy') throw new DigestInProgressError(job.userId, job.period);
  const { user, from } = claimed;
  if (user.digest_skip_if_active && user.last_seen_at && user.last_seen_at > from) {
    await digestRepo.finish(deps.db, user.id, job.period, 'skipped', null, now);
    return 'skipped';
  }
  const digest = await buildDigest(deps, user, from, now);
  if (!digest) {
    await digestRepo.finish(deps.db, user.id, job.period, 'empty', null, now);
    return 'empty';
  }
  let messageId: string;
  try {
    messageId = await deliver(user, digest, job.period);
  } catch (error) {
    await digestRepo.release(deps.db, user.id, job.period);
    throw error;
  }
  await digestRepo.finish(deps.db, user.id, job.period, 'sent', messageId, deps.clock.now());
  return 'sent';
}
