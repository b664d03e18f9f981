import { Queue, Worker } from 'bullmq';
import { Redis, type RedisOptions, ReplyError } from 'ioredis';
import type { Backend, EventBus, RateLimitStore, WorkerPresence } from '../contracts/backend.js';
import { QUEUE_NAME } from '../contracts/jobs.js';
import { RedisUnavailableError } from '../outage.js';

const reconnect = { retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000) };

/**
 * For whoever must not wait (an api request, the relay's transaction, a rate limit): with the
 * server down a command errors at once instead of queueing until a reconnect, so the request
 * answers 503, the transaction rolls back, the limit fails open or closed as its caller chose.
 * BullMQ's advice for queues that add jobs.
 */
const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  ...reconnect,
};

/** For BullMQ workers, whose blocking commands wait for Redis to come back (BullMQ requires it). */
const WAIT: RedisOptions = { maxRetriesPerRequest: null, ...reconnect };

function connect(url: string, options: RedisOptions, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, options);
  redis.on('error', onError);
  return redis;
}

/** An answer from Redis passes through; anything else means the command never got one. */
const unavailable = (error: unknown) => (error instanceof ReplyError ? error : new RedisUnavailableError(error));

/**
 * Gives Redis a moment to connect before the first command, which would otherwise fail while
 * the connection is still being made. A Redis that is down does not stop the boot: /readyz says so.
 */
function firstContact(redis: Redis): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, 2_000);
    redis.once('ready', done);
    redis.once('error', done);
  });
}

/** Pub/sub carries the wake-up. */
class RedisEventBus implements EventBus {
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly onError: (error: Error) => void,
  ) {
    this.channel = `${prefix}:events`;
  }

  publish(eventIds: readonly number[]): void {
    if (eventIds.length === 0) return;
    this.redis.publish(this.channel, String(Math.max(...eventIds))).catch(this.onError);
  }

  async listen(onWake: () => void): Promise<() => Promise<void>> {
    const subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    subscriber.on('error', this.onError);
    subscriber.on('message', (channel) => {
      if (channel === this.channel) onWake();
    });
    // Subscribing again after a reconnect is ioredis' job (autoResubscribe).
    subscriber.subscribe(this.channel).catch(this.onError);
    return async () => {
      subscriber.disconnect();
    };
  }
}

// Counting and starting the window in one script keeps the two steps atomic.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

class RedisRateLimits implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(key: string, windowSeconds: number) {
    const [count, ttl] = (await this.redis
      .eval(HIT, 1, `${this.prefix}:rl:${key}`, windowSeconds)
      .catch((error) => Promise.reject(unavailable(error)))) as [number, number];
    return { count, retryAfterSeconds: Math.max(1, ttl) };
  }

  async reset(key: string) {
    await this.redis.del(`${this.prefix}:rl:${key}`).catch((error) => Promise.reject(unavailable(error)));
  }
}

/** One key per worker, expiring unless renewed. */
class RedisWorkerPresence implements WorkerPresence {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async beat(worker: string) {
    await this.redis.set(`${this.prefix}:worker:${worker}`, new Date().toISOString(), 'EX', 30);
  }

  async leave(worker: string) {
    await this.redis.del(`${this.prefix}:worker:${worker}`);
  }

  async count() {
    let cursor = '0';
    let count = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:worker:*`, 'COUNT', 100);
      count += keys.length;
      cursor = next;
    } while (cursor !== '0');
    return count;
  }
}

export async function openRedisBackend(url: string, prefix: string, onError: (error: Error) => void): Promise<Backend> {
  const redis = connect(url, FAIL_FAST, onError);
  await firstContact(redis);
  // One connection for the queues (producers), one for the workers, each made when first needed.
  let producers: Redis | undefined;
  let consumers: Redis | undefined;
  const reconnectListeners: Array<() => void> = [];
  const forProducers = () => {
    if (!producers) {
      const connection = connect(url, FAIL_FAST, onError);
      // Schedules are upserted through a queue: once its connection is back, they can be.
      let readyBefore = false;
      connection.on('ready', () => {
        if (readyBefore) for (const listener of reconnectListeners) listener();
        readyBefore = true;
      });
      producers = connection;
    }
    return producers;
  };
  const forConsumers = () => {
    consumers ??= connect(url, WAIT, onError);
    return consumers;
  };
  return {
    kind: 'redis',
    events: new RedisEventBus(redis, prefix, onError),
    rateLimits: new RedisRateLimits(redis, prefix),
    workers: new RedisWorkerPresence(redis, prefix),
    checks: { redis: () => redis.ping() },
    createQueue: (options = {}) => new Queue(QUEUE_NAME, { connection: forProducers(), prefix, ...options }),
    createWorker: (processor, { concurrency, backoffStrategy, lockMs }) =>
      new Worker(QUEUE_NAME, processor, {
        connection: forConsumers(),
        prefix,
        concurrency,
        // A dead worker's jobs are taken over once their lock runs out, looked for as often.
        ...(lockMs ? { lockDuration: lockMs, stalledInterval: lockMs } : {}),
        ...(backoffStrategy ? { settings: { backoffStrategy } } : {}),
      }),
    onReconnect(listener) {
      forProducers();
      reconnectListeners.push(listener);
    },
    async close() {
      redis.disconnect();
      producers?.disconnect();
      consumers?.disconnect();
    },
  };
}
