import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '../jobs.js';
import type { Backend, EventBus, RateLimitCounters, WorkerPresence } from './types.js';

/**
 * Commands fail fast: with the server down, one errors at once (the request answers 503, a
 * rate limit fails open or closed as its caller chose) instead of queueing until a reconnect.
 */
function commandConnection(url: string, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  redis.on('error', onError);
  return redis;
}

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

class RedisRateLimits implements RateLimitCounters {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async hit(key: string, windowSeconds: number) {
    const [count, ttl] = (await this.redis.eval(HIT, 1, `${this.prefix}:rl:${key}`, windowSeconds)) as [number, number];
    return { count, retryAfterSeconds: Math.max(1, ttl) };
  }

  async reset(key: string) {
    await this.redis.del(`${this.prefix}:rl:${key}`);
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
  const redis = commandConnection(url, onError);
  await firstContact(redis);
  // Queues and workers wait for Redis to come back rather than failing their blocking commands.
  let queueConnection: Redis | undefined;
  const reconnectListeners: Array<() => void> = [];
  const forQueues = () => {
    if (!queueConnection) {
      const connection = new Redis(url, { maxRetriesPerRequest: null });
      connection.on('error', onError);
      let readyBefore = false;
      connection.on('ready', () => {
        if (readyBefore) for (const listener of reconnectListeners) listener();
        readyBefore = true;
      });
      queueConnection = connection;
    }
    return queueConnection;
  };
  return {
    kind: 'redis',
    events: new RedisEventBus(redis, prefix, onError),
    rateLimits: new RedisRateLimits(redis, prefix),
    workers: new RedisWorkerPresence(redis, prefix),
    checks: { redis: () => redis.ping() },
    createQueue: (options = {}) => new Queue(QUEUE_NAME, { connection: forQueues(), prefix, ...options }),
    createWorker: (processor, { concurrency, backoffStrategy }) =>
      new Worker(QUEUE_NAME, processor, {
        connection: forQueues(),
        prefix,
        concurrency,
        ...(backoffStrategy ? { settings: { backoffStrategy } } : {}),
      }),
    onReconnect(listener) {
      forQueues();
      reconnectListeners.push(listener);
    },
    async close() {
      redis.disconnect();
      queueConnection?.disconnect();
    },
  };
}
