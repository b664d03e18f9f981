import { eventRepo } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';

/**
 * The newest live event now. A page rendered on the server hands it to its live client, which
 * resumes from there: what is written between rendering and connecting is replayed, not lost.
 */
export const latestEventId = (deps: Pick<Deps, 'db'>) => eventRepo.latestId(deps.db);

/** Committed events after `afterId`, in id order: what the live sequencer delivers next. */
export const eventsAfter = (deps: Pick<Deps, 'db'>, afterId: number, limit: number) =>
  eventRepo.listAfter(deps.db, afterId, limit);

/**
 * Transaction ids for telling a gap in event ids apart from a commit still in flight: every
 * transaction running now has an id below `xmax`; once `xmin` passes that value, they are all done.
 */
export const transactionBounds = (deps: Pick<Deps, 'db'>) => eventRepo.snapshotBounds(deps.db);
