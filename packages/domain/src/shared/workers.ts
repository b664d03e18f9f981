import { workerHeartbeatRepo } from '@hubspoke/db';
import type { Deps } from './deps.js';

/** A worker silent this long has died: its heartbeat row (kept in PostgreSQL without Redis) can go. */
const STALE_SECONDS = 24 * 60 * 60;

/** Removes the heartbeats of workers that died without leaving; returns how many went. */
export const removeStaleWorkerHeartbeats = (deps: Pick<Deps, 'db'>) =>
  workerHeartbeatRepo.removeStale(deps.db, STALE_SECONDS);
