import type { Executor, Tx } from '../connection.js';

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

export function findByIds(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('events')
    .select(['id', 'name', 'rooms', 'data', 'created_at'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
}
