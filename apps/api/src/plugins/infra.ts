import type { Config } from '@hubspoke/config';
import { createDb, type Database } from '@hubspoke/db';
import { type Clock, type Deps, systemClock } from '@hubspoke/domain';
import { RedisEventBus } from '@hubspoke/jobs';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { createRedis, RedisRateLimitStore } from '../infra/redis.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    redis: Redis;
    /** The dependency object every domain service takes. */
    deps: Deps;
    eventBus: RedisEventBus;
  }
}

/**
 * Gives Redis a moment to connect before the first request, which would otherwise fail while
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

export interface InfraOptions {
  config: Config;
  clock?: Clock;
}

/** Connections to PostgreSQL and Redis, opened once and closed when the server closes. */
export default fp<InfraOptions>(
  async (app, { config, clock = systemClock }) => {
    const db = createDb(config.databaseUrl, { applicationName: 'hubspoke-api' });
    const warn = (error: Error) => app.log.warn({ err: error }, 'redis error');
    const redis = createRedis(config.redisUrl, warn);
    const eventBus = new RedisEventBus(redis, config.redisPrefix, warn);
    await firstContact(redis);
    app.decorate('config', config);
    app.decorate('db', db);
    app.decorate('redis', redis);
    app.decorate('eventBus', eventBus);
    app.decorate('deps', {
      db,
      config,
      clock,
      rateLimits: new RedisRateLimitStore(redis, config.redisPrefix),
      events: eventBus,
    });
    app.addHook('onClose', async () => {
      redis.disconnect();
      await db.destroy();
    });
  },
  { name: 'infra' },
);
