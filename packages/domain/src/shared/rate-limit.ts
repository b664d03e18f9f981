import { AppError } from './errors.js';

/**
 * Fixed-window counters shared by every api process (Redis in production). `hit` counts one
 * attempt and tells how many were made in the current window.
 */
export interface RateLimitStore {
  hit(key: string, windowSeconds: number): Promise<{ count: number; retryAfterSeconds: number }>;
  reset(key: string): Promise<void>;
}

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
