import type { Config } from '@hubspoke/config';
import type { Database } from '@hubspoke/db';
import type { EventPublisher, RateLimitStore } from '@hubspoke/jobs';
import type { Clock } from './clock.js';

/** What services need from the outside world, passed explicitly so the api and worker share them. */
export interface Deps {
  db: Database;
  config: Config;
  clock: Clock;
  rateLimits: RateLimitStore;
  events: EventPublisher;
}
