import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// When a survey's opening was announced to those it is for. A survey that opens later is
// announced by a recurring job once its time comes; those already open count as announced.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table surveys add column announced_at timestamptz`.execute(db);
  await sql`update surveys set announced_at = greatest(opens_at, created_at) where opens_at <= now()`.execute(db);
  await sql`create index surveys_unannounced_idx on surveys (opens_at) where announced_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index surveys_unannounced_idx`.execute(db);
  await sql`alter table surveys drop column announced_at`.execute(db);
}
