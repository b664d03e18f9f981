import { digestRepo } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';

/** A claim older than this belonged to a worker that died mid-send; another may take over. */
export const staleClaimBefore = (deps: Pick<Deps, 'config'>, now: Date) =>
  new Date(now.getTime() - deps.config.jobs.staleClaimMs);

/** Who is due a digest now, and for which period (periods left claimed by a dead worker included). */
export const dueDigests = (deps: Pick<Deps, 'db' | 'config'>, now: Date) =>
  digestRepo.due(deps.db, now, staleClaimBefore(deps, now));

/**
 * A digest covers everything since the previous one ended; a first digest looks one period
 * back. Both starts are given, as the person's frequency is read in the claiming statement.
 */
export const firstDigestFrom = (now: Date) => ({
  daily: new Date(now.getTime() - 86_400_000),
  weekly: new Date(now.getTime() - 7 * 86_400_000),
});
