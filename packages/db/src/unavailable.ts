import pg from 'pg';

/**
 * PostgreSQL could not be reached, or the connection a statement ran on was lost. pg reports
 * these with plain errors and no code ("Connection terminated unexpectedly", a connection
 * timeout), so the connection layer, which knows it was connecting or that its connection is
 * gone, raises this instead, with pg's error as the cause. Errors the server itself sent
 * (`pg.DatabaseError`, with their SQLSTATE) pass through as they are.
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`PostgreSQL unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** What a failed connect, or a statement on a connection that is gone, throws. */
export const asUnavailable = (error: unknown): unknown =>
  error instanceof pg.DatabaseError || error instanceof DatabaseUnavailableError
    ? error
    : new DatabaseUnavailableError(error);
