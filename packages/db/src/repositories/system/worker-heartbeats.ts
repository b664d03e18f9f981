import { sql } from 'kysely';
import type { Executor } from '../../connection.js';

export async function beat(db: Executor, worker: string): Promise<void> {
  await db
    .insertInto('worker_heartbeats')
    .values({ worker, seen_at: sql`now()` })
    .onConflict((oc) => oc.column('worker').doUpdateSet({ seen_at: sql`now()` }))
    .execute();
}

export async function remove(db: Executor, worker: string): Promise<void> {
  await db.deleteFrom('worker_heartbeats').where('worker', '=', worker).execute();
}

/** Workers heard from within the last `seconds`; older rows were left by workers that died. */
export async function countAlive(db: Executor, seconds: number): Promise<number> {
  const row = await db
    .selectFrom('worker_heartbeats')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('seen_at', '>', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function removeStale(db: Executor, olderThanSeconds: number): Promise<number> {
  const result = await db
    .deleteFrom('worker_heartbeats')
    .where('seen_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
