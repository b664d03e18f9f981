import { rateLimitRepo } from '@hubspoke/db';
import type { RateLimitStore } from '@hubspoke/jobs';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';

export type { RateLimitStore };

/**
 * Counts an attempt and throws 429 with `Retry-After` once `max` is passed. With `failOpen`, an
 * unreachable store lets the attempt through (posting must survive a Redis outage; sign-in
 * must not, so it fails closed).
 */
export async function enforceRateLimit(
  store: RateLimitStore,
  key: string,
  max: number,
  windowSeconds: number,
  options: { failOpen?: boolean } = {},
): Promise<void> {
  let hit: { count: number; retryAfterSeconds: number };
  try {
    hit = await store.hit(key, windowSeconds);
  } catch (error) {
    if (options.failOpen) return;
    throw error;
  }
  const { count, retryAfterSeconds } = hit;
  if (count > max) throw rateLimited(retryAfterSeconds);
}

/** The 429 every limit answers, with the seconds to wait in `Retry-After`. */
export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError(429, 'rate_limited', `Too many attempts; retry in ${retryAfterSeconds} s`, {
    'retry-after': String(retryAfterSeconds),
  });
}

/**
 * Removes the counters kept in PostgreSQL (sign-in's always, every limit's without Redis)
 * whose window has ended; returns how many went.
 */
export const removeExpiredRateLimits = (deps: Pick<Deps, 'db'>) => rateLimitRepo.removeExpired(deps.db);
