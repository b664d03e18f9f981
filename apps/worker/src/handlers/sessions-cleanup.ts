import { sessionRepo } from '@hubspoke/db';
import type { Handler } from '../registry.js';

/** Expired sessions are refused anyway; this keeps the table from growing forever. */
export const sessionsCleanup: Handler<'sessions.cleanup'> = async ({ db, clock }) => {
  const removed = await sessionRepo.removeExpired(db, clock.now());
  return { removed };
};
