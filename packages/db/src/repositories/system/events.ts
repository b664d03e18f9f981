import { sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';

export interface NewEvent {
  name: string;
  rooms: string[];
  data: Record<string, unknown>;
}

/** Written inside the change's own transaction: the event exists if and only if the change does. */
export async function insert(db: Tx, event: NewEvent): Promise<number> {
  const row = await db
    .insertInto('events')
    .values({ name: event.name, rooms: event.rooms, data: JSON.stringify(event.data) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Events after `afterId`, in id order: the live sequencer's and the resume path's read. */
/** Several events in one statement; ids come back in the order given. */
export async function insertMany(db: Tx, events: readonly NewEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = await db
    .insertInto('events')
    .values(events.map((e) => ({ name: e.name, rooms: e.rooms, data: JSON.stringify(e.data) })))
    .returning('id')
    .execute();
  // Identity values are drawn in VALUES order, so sorting restores the input order.
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export function listAfter(db: Executor, afterId: number, limit: number) {
  return db
    .selectFrom('events')
    .select(['id', 'name', 'rooms', 'data', 'created_at'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Missed events in the given rooms, for a client resuming after `afterId` (bounded by `upTo`). */
export function listForRooms(
  db: Executor,
  rooms: readonly string[],
  afterId: number,
  upTo: number,
  since: Date,
  limit: number,
) {
  return db
    .selectFrom('events')
    .select(['id', 'name', 'rooms', 'data', 'created_at'])
    .where('id', '>', afterId)
    .where('id', '<=', upTo)
    .where('created_at', '>', since)
    .where(sql<boolean>`rooms && ${sql.val(rooms)}::text[]`)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function latestId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** Locks a batch of unrelayed events; concurrent relays skip each other's rows. */
export function lockUnrelayed(db: Tx, limit: number) {
  return db
    .selectFrom('events')
    .select(['id', 'name', 'rooms', 'data', 'created_at'])
    .where('relayed_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markRelayed(db: Tx, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('events').set({ relayed_at: at }).where('id', 'in', ids).execute();
}

/** Events are kept for resuming clients for at least a week; older ones can go. */
export async function removeOlderThan(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('events')
    .where('created_at', '<', before)
    .where('relayed_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Transaction ids for telling a gap in event ids apart from a commit still in flight: every
 * transaction running now has an id below `xmax`; once `xmin` passes that value, they are all done.
 */
export async function snapshotBounds(db: Executor): Promise<{ xmin: bigint; xmax: bigint }> {
  const result = await sql<{ xmin: string; xmax: string }>`
    select pg_snapshot_xmin(pg_current_snapshot())::text as xmin, pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(
    db,
  );
  const row = result.rows[0];
  return { xmin: BigInt(row?.xmin ?? 0), xmax: BigInt(row?.xmax ?? 0) };
}

export function findById(db: Executor, id: number) {
  return db
    .selectFrom('events')
    .select(['id', 'name', 'rooms', 'data', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
