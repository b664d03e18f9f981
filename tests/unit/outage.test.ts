import { connect, createServer } from 'node:net';
import { loadConfig } from '@hubspoke/config';
import { createDb, DatabaseUnavailableError } from '@hubspoke/db';
import { AppError } from '@hubspoke/domain';
import { isOutage, openBackend, RedisUnavailableError } from '@hubspoke/jobs';
import { Redis, ReplyError } from 'ioredis';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors/index.js';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

/** A port nothing listens on: connecting there is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const rejection = async (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error) => error,
  );

/** A DatabaseError as pg-protocol builds one from the server's ErrorResponse. */
function serverError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.severity = 'FATAL';
  error.code = code;
  return error;
}

describe('what counts as an outage (the api answers 503)', () => {
  it('a refused TCP connection, by its code', async () => {
    const port = await closedPort();
    const socket = connect(port, '127.0.0.1');
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(isOutage(error)).toBe(true);
    expect(isOutage(new AggregateError([error, error]))).toBe(true);
    expect(isOutage(new Error('relay failed', { cause: error }))).toBe(true);
  });

  it('PostgreSQL not answering: pg refused, and what the connection layer raises', async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/hubspoke`;
    const refused = await rejection(new pg.Client({ connectionString: url }).connect());
    expect(isOutage(refused)).toBe(true);
    const db = createDb(url, { max: 1 });
    try {
      const error = await rejection(sql`select 1`.execute(db));
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(isOutage(error)).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('PostgreSQL dropping or refusing connections, by SQLSTATE', () => {
    expect(isOutage(serverError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isOutage(serverError('57P02', 'terminating connection due to crash of another server process'))).toBe(true);
    expect(isOutage(serverError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isOutage(serverError('08006', 'connection failure'))).toBe(true);
    expect(isOutage(serverError('53300', 'sorry, too many clients already'))).toBe(true);
  });

  it('Redis down: the backend says so, where ioredis gives a plain error with no code', async () => {
    const config = loadConfig({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, REDIS_PREFIX: 'outage-test' });
    const db = createDb(config.databaseUrl, { max: 1 });
    const backend = await openBackend(config, db, () => {});
    try {
      const error = await rejection(backend.rateLimits.hit('login:someone', 60));
      expect(error).toBeInstanceOf(RedisUnavailableError);
      expect(isOutage(error)).toBe(true);
      // What ioredis itself threw: only its message tells, so on its own it does not count.
      expect((error.cause as { code?: string }).code).toBeUndefined();
      expect(isOutage(error.cause)).toBe(false);
    } finally {
      await backend.close();
      await db.destroy();
    }
  });

  it('an ioredis command that ran out of retries', async () => {
    const redis = new Redis(`redis://127.0.0.1:${await closedPort()}`, {
      maxRetriesPerRequest: 0,
      retryStrategy: () => 50,
    });
    redis.on('error', () => {});
    try {
      const error = await rejection(redis.ping());
      expect(error).toBeInstanceOf(MaxRetriesPerRequestError);
      expect(isOutage(error)).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});

describe('what does not (a fault of the request or of the code)', () => {
  it('errors PostgreSQL answered with', () => {
    expect(isOutage(serverError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isOutage(serverError('42P01', 'relation "nowhere" does not exist'))).toBe(false);
    // The server is there and refused us: a configuration fault, not a moment's absence.
    expect(isOutage(serverError('28P01', 'password authentication failed for user "postgres"'))).toBe(false);
  });

  it('errors Redis answered with', () => {
    expect(isOutage(new ReplyError('ERR wrong number of arguments for command'))).toBe(false);
  });

  it('errors that only mention an outage in their message', () => {
    expect(isOutage(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(false);
    expect(isOutage(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isOutage(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(false);
  });

  it('the forum’s own errors, programming errors and non-errors', () => {
    expect(isOutage(new AppError(409, 'email_taken', 'A user with this email already exists'))).toBe(false);
    expect(isOutage(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isOutage('ECONNREFUSED')).toBe(false);
    expect(isOutage(undefined)).toBe(false);
  });
});
