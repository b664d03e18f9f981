import { rateLimitRepo, sessionRepo, workerHeartbeatRepo } from '@hubspoke/db';
import type { Handler } from '../registry.js';

/**
 * Expired sessions are refused anyway; this keeps the table from growing forever. Without Redis
 * the expired rate-limit windows and the heartbeats of workers that died pile up in PostgreSQL too.
 */
export const sessionsCleanup: Handler<'sessions.cleanup'> = async ({ db, clock }) => {
  const removed = await sessionRepo.removeExpired(db, clock.now());
  const counters = await rateLimitRepo.removeExpired(db);
  const heartbeats = await workerHeartbeatRepo.removeStale(db, 24 * 60 * 60);
  return { removed, counters, heartbeats };
};
