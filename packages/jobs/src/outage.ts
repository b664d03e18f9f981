import { DatabaseUnavailableError } from '@hubspoke/db';
// ioredis 6 does not export its error classes from its entry point.
import { MaxRetriesPerRequestError } from 'ioredis/built/errors/index.js';
import pg from 'pg';

/**
 * Redis could not run a command: the connection is down or was lost meanwhile. ioredis says so
 * with plain errors and no code ("Stream isn't writeable…", "Connection is closed."), so the
 * backend, which knows the command never got an answer, raises this with ioredis' error as cause.
 */
export class RedisUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Redis unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RedisUnavailableError';
  }
}

/** Node's codes for a server that cannot be reached or that dropped the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * SQLSTATEs of a server that is not there for us right now: class 08 (connection exception),
 * 57P01–57P03 (terminated by an administrator, crash shutdown, cannot connect now) and 53300
 * (too many connections).
 */
const isUnavailableState = (code: string) =>
  code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';

/**
 * Whether an error means that PostgreSQL or Redis is unreachable (the request may succeed if
 * retried shortly: the api answers 503) rather than a fault of the request or of the code.
 * Decided by error class and code, never by message; causes and aggregated errors count.
 */
export function isOutage(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  if (
    error instanceof DatabaseUnavailableError ||
    error instanceof RedisUnavailableError ||
    error instanceof MaxRetriesPerRequestError
  ) {
    return true;
  }
  const { code } = error as { code?: unknown };
  if (typeof code === 'string') {
    if (error instanceof pg.DatabaseError) return isUnavailableState(code);
    if (NETWORK_CODES.has(code)) return true;
  }
  if (error instanceof AggregateError && error.errors.some((inner) => isOutage(inner, depth + 1))) return true;
  return isOutage(error.cause, depth + 1);
}
