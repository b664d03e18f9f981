import { eventRepo } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';

/**
 * The newest live event now. A page rendered on the server hands it to its live client, which
 * resumes from there: what is written between rendering and connecting is replayed, not lost.
 */
export const latestEventId = (deps: Pick<Deps, 'db'>) => eventRepo.latestId(deps.db);
