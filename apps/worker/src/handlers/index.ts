import type { HandlerEntry } from '../registry.js';
import { eventFanout } from './event-fanout.js';
import { eventsCleanup } from './events-cleanup.js';
import { sessionsCleanup } from './sessions-cleanup.js';

/** One line per job name. */
export const handlers: HandlerEntry[] = [
  ['sessions.cleanup', sessionsCleanup],
  ['events.cleanup', eventsCleanup],
  ['event.fanout', eventFanout],
];
