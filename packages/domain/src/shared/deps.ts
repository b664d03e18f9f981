import type { Config } from '@hubspoke/config';
import type { Database } from '@hubspoke/db';
import type { EventPublisher, RateLimitStore } from '@hubspoke/jobs';
import type { SessionCache } from '../auth/session-cache.js';
import type { Clock } from './clock.js';

/** What services need from the outside world, passed explicitly so the api and worker share them. */
export interface Deps {
  db: Database;
  config: Config;
  clock: Clock;
  rateLimits: RateLimitStore;
  events: EventPublisher;
  /** Validated sessions kept in memory (the api's); without it every request asks the database. */
  sessions?: SessionCache;
}
