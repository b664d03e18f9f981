import { type EventRow, eventRepo } from '@hubspoke/db';
import type { Deps } from './deps.js';

/** An outbox event as the change it announces wrote it. */
export type OutboxEvent = Pick<EventRow, 'id' | 'name' | 'rooms' | 'data' | 'created_at'>;

/** One outbox event by id (what a job started from an event reads first). */
export const findOutboxEvent = (deps: Pick<Deps, 'db'>, eventId: number): Promise<OutboxEvent | undefined> =>
  eventRepo.findById(deps.db, eventId);

/**
 * Hands the oldest unrelayed events (at most `limit`) to `relay` and marks them relayed, in one
 * transaction. The rows stay locked meanwhile and concurrent callers skip them; when `relay`
 * fails the transaction rolls back and they wait for the next call. Returns how many it handled.
 */
export function relayOutbox(
  deps: Pick<Deps, 'db'>,
  limit: number,
  relay: (events: OutboxEvent[]) => Promise<void>,
): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    const events = await eventRepo.lockUnrelayed(tx, limit);
    await relay(events);
    await eventRepo.markRelayed(
      tx,
      events.map((e) => e.id),
      new Date(),
    );
    return events.length;
  });
}
