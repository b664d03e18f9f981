import type { Config } from '@hubspoke/config';
import type { Database } from '@hubspoke/db';
import type { Backend } from '../contracts/backend.js';
import { openPostgresBackend } from './postgres.js';
import { openRedisBackend } from './redis.js';

/** Redis when the configuration names one, PostgreSQL alone otherwise. The one place that chooses. */
export function openBackend(config: Config, db: Database, onError: (error: Error) => void): Promise<Backend> {
  return config.redisUrl
    ? openRedisBackend(config.redisUrl, config.redisPrefix, onError)
    : Promise.resolve(openPostgresBackend(db, config.databaseUrl, config.redisPrefix, onError));
}
