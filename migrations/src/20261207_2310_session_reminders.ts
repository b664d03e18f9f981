import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// The day before a session its table's people are reminded, once: `reminded_at` is the claim
// (cleared when the session moves, so a new date is reminded again).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table table_sessions add column reminded_at timestamptz`.execute(db);
  await sql`create index table_sessions_unreminded_idx on table_sessions (starts_at) where reminded_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table table_sessions drop column reminded_at`.execute(db);
}
