import { createHash } from 'node:crypto';
import { type Database, rateLimitRepo, workerHeartbeatRepo } from '@hubspoke/db';
import { createPostgresBackend, withBackend } from 'bullmq';
import { sql } from 'kysely';
import pg from 'pg';
import type { Backend, EventBus, RateLimitStore, WorkerPresence } from '../contracts/backend.js';
import { QUEUE_NAME } from '../contracts/jobs.js';

const RECONNECT_MS = 1_000;

/**
 * NOTIFY channels are identifiers, at most 63 bytes; the deployment's prefix may be longer, so
 * the channel carries a digest of it (deployments sharing one database stay apart).
 */
const channelFor = (prefix: string) => `events_${createHash('sha256').update(prefix).digest('hex').slice(0, 16)}`;

/**
 * NOTIFY carries the wake-up. Listening takes a connection of its own for as long as it lasts;
 * after losing it, the listener reconnects and wakes once, since announcements made meanwhile are gone.
 */
class PostgresEventBus implements EventBus {
  constructor(
    private readonly db: Database,
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly onError: (error: Error) => void,
  ) {}

  publish(eventIds: readonly number[]): void {
    if (eventIds.length === 0) return;
    sql`select pg_notify(${this.channel}, ${String(Math.max(...eventIds))})`.execute(this.db).catch(this.onError);
  }

  async listen(onWake: () => void): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: this.databaseUrl, application_name: 'hubspoke-listen' });
      next.on('notification', (message) => {
        if (message.channel === this.channel) onWake();
      });
      next.on('error', (error) => {
        this.onError(error);
        reconnect(next);
      });
      next.on('end', () => reconnect(next));
      client = next;
      try {
        await next.connect();
        await next.query(`listen ${next.escapeIdentifier(this.channel)}`);
      } catch (error) {
        this.onError(error as Error);
        reconnect(next);
      }
    };
    const reconnect = (lost: pg.Client) => {
      if (stopped || client !== lost) return;
      client = undefined;
      lost.end().catch(() => {});
      retry = setTimeout(() => {
        void connect().then(() => onWake());
      }, RECONNECT_MS);
    };
    await connect();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    };
  }
}

class PostgresRateLimits implements RateLimitStore {
  constructor(private readonly db: Database) {}

  hit(key: string, windowSeconds: number) {
    return rateLimitRepo.hit(this.db, key, windowSeconds);
  }

  reset(key: string) {
    return rateLimitRepo.reset(this.db, key);
  }
}

class PostgresWorkerPresence implements WorkerPresence {
  constructor(private readonly db: Database) {}

  beat(worker: string) {
    return workerHeartbeatRepo.beat(this.db, worker);
  }

  leave(worker: string) {
    return workerHeartbeatRepo.remove(this.db, worker);
  }

  count() {
    return workerHeartbeatRepo.countAlive(this.db, 30);
  }
}

/**
 * BullMQ's PostgreSQL store keeps its tables in the `bullmq` schema of the forum's database and
 * creates or upgrades them itself (under an advisory lock) when a queue first connects. It does
 * not implement every operation yet: job dependencies paging (`paginate`, used by flows and
 * `getDependencies`), `trimEvents` and the old priority-key clean-up throw. The forum uses none:
 * no flows, no event-stream trimming.
 */
const { Queue, Worker } = withBackend(createPostgresBackend);

export function openPostgresBackend(
  db: Database,
  databaseUrl: string,
  prefix: string,
  onError: (error: Error) => void,
): Backend {
  const connection = () => ({ connectionString: databaseUrl, schema: 'bullmq', migrate: true, max: 4 });
  return {
    kind: 'postgres',
    events: new PostgresEventBus(db, databaseUrl, channelFor(prefix), onError),
    rateLimits: new PostgresRateLimits(db),
    workers: new PostgresWorkerPresence(db),
    checks: {},
    createQueue: (options = {}) => new Queue(QUEUE_NAME, { connection: connection(), ...options }),
    createWorker: (processor, { concurrency, backoffStrategy, lockMs }) =>
      new Worker(QUEUE_NAME, processor, {
        connection: connection(),
        concurrency,
        // A dead worker's jobs are taken over once their lock runs out, looked for as often.
        ...(lockMs ? { lockDuration: lockMs, stalledInterval: lockMs } : {}),
        ...(backoffStrategy ? { settings: { backoffStrategy } } : {}),
      }),
    // The schedules live in PostgreSQL with everything else: they do not vanish while it is away.
    onReconnect() {},
    async close() {},
  };
}
