import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// An admin may take an invitation back, and a new invitation to the same address replaces the
// one still pending: both leave the old link dead without forgetting it was sent.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table invitations add column revoked_at timestamptz`.execute(db);
  await sql`create index invitations_pending_email_idx on invitations (lower(email))
    where accepted_at is null and revoked_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table invitations drop column revoked_at`.execute(db);
}
