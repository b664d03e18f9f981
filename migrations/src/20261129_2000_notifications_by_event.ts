import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// The worker mails the notifications an event produced, looked up by the event.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index notifications_event_idx on notifications (event_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index notifications_event_idx`.execute(db);
}
