import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// Slow mode: a thread's moderators let each person post at most once every N minutes there.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table threads add column slow_mode_minutes integer check (slow_mode_minutes between 1 and 1440)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table threads drop column slow_mode_minutes`.execute(db);
}
