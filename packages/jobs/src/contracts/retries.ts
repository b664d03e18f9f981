import type { Config } from '@hubspoke/config';
import type { DefaultJobOptions } from 'bullmq';

/** The backoff every job uses; the worker computes its delays (see `retryDelay`). */
export const RETRY_BACKOFF = 'capped';

/**
 * Retries are bounded by time, not by count: a mail server refusing for an hour must not turn
 * into a mail lost after half a minute. The attempts are only a ceiling far above what the
 * time allows.
 */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 10_000,
  backoff: { type: RETRY_BACKOFF },
  removeOnComplete: true,
  removeOnFail: false,
};

/** The part of `config.jobs` that decides retry delays. */
export type RetryPolicy = Pick<Config['jobs'], 'retryBaseMs' | 'retryMaxMs' | 'retryForSeconds'>;

/**
 * The wait before retry number `attemptsMade` of a job first due at `firstDueAt`: doubling from
 * the base, capped; -1 (fail for good) once the retry window has passed.
 */
export function retryDelay(policy: RetryPolicy, attemptsMade: number, firstDueAt: number, now: number): number {
  if (now - firstDueAt >= policy.retryForSeconds * 1000) return -1;
  const exponent = Math.min(Math.max(attemptsMade - 1, 0), 40);
  return Math.min(policy.retryBaseMs * 2 ** exponent, policy.retryMaxMs);
}
