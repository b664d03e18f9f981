import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// An account can be deactivated by an admin (no sign-in, content kept, reversible) or erased
// (its person's data gone, the row kept pseudonymised for what others wrote and for the
// consent records). Both are moments, so they are timestamps.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column deactivated_at timestamptz, add column erased_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop column deactivated_at, drop column erased_at`.execute(db);
}
