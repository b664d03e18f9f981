import { AppError } from './errors.js';

/**
 * Fixed-window counters shared by every api process (Redis in production). `hit` counts one
 * attempt and tells how many were made in the current window.
 */
export interface RateLimitStore {
  hit(key: string, windowSeconds: number): Promise<{ count: number; retryAfterSeconds: number }>;
  reset(key: string): Promise<void>;
}

/** Counts an attempt and throws 429 with `Retry-After` once `max` is passed. */
export async function enforceRateLimit(
  store: RateLimitStore,
  key: string,
  max: number,
  windowSeconds: number,
): Promise<void> {
  const { count, retryAfterSeconds } = await store.hit(key, windowSeconds);
  if (count > max) {
    throw new AppError(429, 'rate_limited', `Too many attempts; retry in ${retryAfterSeconds} s`, {
      'retry-after': String(retryAfterSeconds),
    });
  }
}
