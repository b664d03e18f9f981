import { eventRepo } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';

/** Resuming clients get a week of history. */
export const REPLAY_WINDOW_MS = 7 * 86_400_000;

/** A day more than the replay window is kept, for safety. */
const KEEP_MS = REPLAY_WINDOW_MS + 86_400_000;

/**
 * The events in these rooms a client resuming after `afterId` missed, in id order, up to
 * `upTo` (what the live connection has delivered since) and within the replay window; read a
 * page at a time.
 */
export async function* missedEvents(
  deps: Pick<Deps, 'db'>,
  rooms: readonly string[],
  afterId: number,
  upTo: number,
  pageSize = 500,
) {
  const since = new Date(Date.now() - REPLAY_WINDOW_MS);
  let after = afterId;
  for (;;) {
    const rows = await eventRepo.listForRooms(deps.db, rooms, after, upTo, since, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows.at(-1)?.id ?? upTo;
  }
}

/** Removes the relayed events older than anyone may replay; returns how many went. */
export const removeExpiredEvents = (deps: Pick<Deps, 'db' | 'clock'>) =>
  eventRepo.removeOlderThan(deps.db, new Date(deps.clock.now().getTime() - KEEP_MS));
