import { createHash } from 'node:crypto';
import { type Database, listenTo, rateLimitRepo, workerHeartbeatRepo } from '@hubspoke/db';
import { createPostgresBackend, withBackend } from 'bullmq';
import { sql } from 'kysely';
import type { Backend, EventBus, RateLimitStore, WorkerPresence } from '../contracts/backend.js';
import { QUEUE_NAME } from '../contracts/jobs.js';

/**
 * NOTIFY channels are identifiers, at most 63 bytes; the deployment's prefix may be longer, so
 * the channel carries a digest of it (deployments sharing one database stay apart).
 */
const channelFor = (prefix: string) => `events_${createHash('sha256').update(prefix).digest('hex').slice(0, 16)}`;

/** NOTIFY carries the wake-up, heard on a connection of its own (`listenTo`). */
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

  listen(onWake: () => void): Promise<() => Promise<void>> {
    // A wake-up once listening again covers what was announced while the connection was lost.
    const onListening = (again: boolean) => {
      if (again) onWake();
    };
    return listenTo(this.databaseUrl, this.channel, { onMessage: onWake, onListening }, this.onError);
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
