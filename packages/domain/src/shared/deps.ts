import type { Config } from '@hubspoke/config';
import type { Database } from '@hubspoke/db';
import type { Clock } from './clock.js';
import type { EventPublisher } from './events.js';
import type { RateLimitStore } from './rate-limit.js';

/** What services need from the outside world, passed explicitly so the api and worker share them. */
export interface Deps {
  db: Database;
  config: Config;
  clock: Clock;
  rateLimits: RateLimitStore;
  events: EventPublisher;
}
