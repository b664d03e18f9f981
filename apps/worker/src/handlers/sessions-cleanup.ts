import {
  personalDataStorages,
  removeExpiredRateLimits,
  removeExpiredSessions,
  removeFinishedDataExports,
  removeStaleWorkerHeartbeats,
} from '@hubspoke/domain';
import type { Handler } from '../registry.js';

/**
 * Hourly: expired sessions, the archives of data exports nobody may download any more, and,
 * piling up in PostgreSQL too without Redis, expired rate-limit windows and the heartbeats of
 * workers that died.
 */
export const sessionsCleanup: Handler<'sessions.cleanup'> = async (deps) => ({
  removed: await removeExpiredSessions(deps),
  counters: await removeExpiredRateLimits(deps),
  heartbeats: await removeStaleWorkerHeartbeats(deps),
  exports: await removeFinishedDataExports({ ...deps, ...personalDataStorages(deps.config) }),
});
