import { Kysely, type KyselyPlugin, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { asUnavailable } from './unavailable.js';

// bigint ids and counts come back as strings by default; every id we issue fits in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A calendar day stays the text it is (`2027-03-15`): as a Date it would shift with the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Database = Kysely<DB>;
/** What a repository function accepts: the pool or a caller's transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;
export type Tx = Transaction<DB>;

export interface DbOptions {
  max?: number;
  applicationName?: string;
  /**
   * Send queries as named prepared statements (default true). Pools that run migrations turn
   * it off: a statement prepared before a migration may no longer fit the tables after it.
   */
  namedStatements?: boolean;
  plugins?: KyselyPlugin[];
}

/**
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it again each time; for the
 * short lookups of a request that is most of the database's work. Naming a statement by its
 * text lets each connection parse it once and reuse a generic plan where PostgreSQL finds it as
 * good as a fresh one. The names are shared by all connections of the process and bounded:
 * texts past the limit (e.g. `in (…)` lists of many lengths) go unnamed as before. A value that
 * decides whether a partial index applies must then be written as a literal (see flags.ts).
 */
const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();
let nextName = 0;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS && PREPARABLE.test(text)) {
    name = `hs_${nextName++}`;
    statementNames.set(text, name);
  }
  return name;
}

/** A table changed under a prepared `select *` (a migration added a column): the text needs a new name. */
const isStaleStatement = (error: unknown) =>
  (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String(error));

/**
 * pg-pool listens for errors only on idle clients: a client checked out (in a transaction,
 * say, while the relay waits on the queue) whose server goes away would emit an 'error' with
 * no listener and take the process down. Every client listens for its whole life; the query
 * in flight fails with the error, and the pool drops the dead client when it is released.
 * Once the connection is gone, what its statements fail with says so (DatabaseUnavailableError).
 */
class ListeningClient extends pg.Client {
  private lost = false;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // Both come from the connection, never from a statement (those fail their own query).
    this.on('error', () => {
      this.lost = true;
    });
    this.on('end', () => {
      this.lost = true;
    });
  }

  override query(...args: unknown[]): any {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (!(result instanceof Promise)) return result;
    return result.catch((error: unknown) => {
      throw this.lost ? asUnavailable(error) : error;
    });
  }
}

class NamingClient extends ListeningClient {
  // Only kysely's calling form (text, values) with parameters is named: without parameters
  // pg uses the simple protocol, which also carries statements a prepared one cannot.
  override query(...args: unknown[]): any {
    const [text, values, callback] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) {
      const name = statementName(text);
      if (name !== undefined) return this.named(name, text, values);
    }
    return (super.query as (...a: unknown[]) => unknown)(...args);
  }

  private async named(name: string, text: string, values: unknown[]): Promise<pg.QueryResult> {
    try {
      return await super.query({ name, text, values });
    } catch (error) {
      if (!isStaleStatement(error)) throw error;
      if (statementNames.get(text) === name) statementNames.delete(text);
      // Outside a transaction nothing was lost: ask again, prepared afresh. Inside one, the
      // transaction has failed and the caller sees the error.
      if (this.getTransactionStatus() !== 'I') throw error;
      return this.query(text, values);
    }
  }
}

export function createDb(databaseUrl: string, options: DbOptions = {}): Database {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'hubspoke',
    connectionTimeoutMillis: 5_000,
    Client: options.namedStatements === false ? ListeningClient : NamingClient,
  });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Failing to get a connection, other than by the server's refusal (a wrong password, a missing
  // database), means PostgreSQL is not there for us right now.
  const connecting = {
    connect: () => pool.connect().catch((error: unknown) => Promise.reject(asUnavailable(error))),
    end: () => pool.end(),
  };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: connecting }), plugins: options.plugins ?? [] });
}
