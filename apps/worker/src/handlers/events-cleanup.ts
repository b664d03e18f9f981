import { eventRepo } from '@hubspoke/db';
import type { Handler } from '../registry.js';

/** Resuming clients get a week of history; a day more is kept for safety. */
const KEEP_MS = 8 * 86_400_000;

export const eventsCleanup: Handler<'events.cleanup'> = async ({ db, clock }) => ({
  removed: await eventRepo.removeOlderThan(db, new Date(clock.now().getTime() - KEEP_MS)),
});
