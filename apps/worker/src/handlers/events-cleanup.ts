import { removeExpiredEvents } from '@hubspoke/domain';
import type { Handler } from '../registry.js';

/** Daily: outbox events older than any client may replay. */
export const eventsCleanup: Handler<'events.cleanup'> = async (deps) => ({ removed: await removeExpiredEvents(deps) });
