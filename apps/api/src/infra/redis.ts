import type { RateLimitStore } from '@hubspoke/domain';
import { Redis } from 'ioredis';

/**
 * The api's Redis connection fails fast: with the server down, a command errors at once (and
 * the request answers 503) instead of queueing until a reconnect.
 */
export function createRedis(url: string, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  redis.on('error', onError);
  return redis;
}

// Counting and starting the window in one script keeps the two steps atomic.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

export class RedisRateLimitStore implements RateLimitStore {
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
