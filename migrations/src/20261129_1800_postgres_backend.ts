import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// What Redis holds when there is a Redis; without one these tables hold it. Unlogged: they are
// counters and liveness marks, worth nothing after a crash and not worth the WAL.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create unlogged table rate_limit_counters (
      key text primary key,
      hits integer not null,
      window_ends_at timestamptz not null
    )`.execute(db);
  await sql`create index rate_limit_counters_window_idx on rate_limit_counters (window_ends_at)`.execute(db);
  await sql`
    create unlogged table worker_heartbeats (
      worker text primary key,
      seen_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('worker_heartbeats').execute();
  await db.schema.dropTable('rate_limit_counters').execute();
}
