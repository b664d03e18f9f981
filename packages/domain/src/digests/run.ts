import { digestRepo, type UserRow } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';
import { AppError } from '../shared/errors.js';
import { buildDigest, type DigestData } from './content.js';
import { firstDigestFrom } from './plan.js';

/** A claim older than this belonged to a worker that died mid-send; another may take over. */
export const STALE_CLAIM_MS = 2 * 60 * 1000;

export type DigestOutcome = 'sent' | 'empty' | 'skipped' | 'already_done' | 'off';

/** Renders and sends the mail; returns its Message-ID. Supplied by the worker or the admin CLI. */
export type DeliverDigest = (user: UserRow, digest: DigestData, period: string) => Promise<string>;

/**
 * One person's digest for one period, at most once: the period is claimed in PostgreSQL before
 * anything is sent and stamped after, so a retry, a crash or a second worker does not send it
 * again. A failed send releases the claim, so the job's retry can try again at once.
 */
export async function runDigest(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  job: { userId: number; period: string },
  deliver: DeliverDigest,
): Promise<DigestOutcome> {
  const now = deps.clock.now();
  const claimed = await digestRepo.claimPeriod(deps.db, {
    userId: job.userId,
    period: job.period,
    now,
    staleBefore: new Date(now.getTime() - STALE_CLAIM_MS),
    firstFrom: firstDigestFrom(now),
  });
  if (!claimed || claimed.claim === 'off') return 'off';
  if (claimed.claim === 'done') return 'already_done';
  // Someone else is sending it right now; if they die, this job's retry takes over the claim.
  if (claimed.claim === 'busy')
    throw new AppError(
      409,
      'digest_in_progress',
      `Digest ${job.period} for user ${job.userId} is being sent elsewhere`,
    );
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
