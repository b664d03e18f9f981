import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// The mail sweep finds the outbox event of each unsent mail, by the mail's id.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index events_mail_queued_idx on events (((data->>'mailId')::bigint)) where name = 'mail.queued'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index events_mail_queued_idx`.execute(db);
}
