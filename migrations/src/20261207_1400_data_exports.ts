import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// A person's export of everything held about them, when it is too large to answer at once: the
// worker builds the ZIP, keeps it in storage and mails a link that works once, for 24 hours.
// Only the link's SHA-256 is kept. Built ⇔ expires_at is set; the file is removed once the link
// is used or expired, and storage_key goes back to null. The rows stay: which exports were made.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table data_exports (
    id bigserial primary key,
    user_id bigint not null references users (id) on delete cascade,
    token_hash text unique,
    storage_key text,
    size bigint check (size >= 0),
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    used_at timestamptz,
    check ((token_hash is null) = (expires_at is null))
  )`.execute(db);
  await sql`create index data_exports_user_idx on data_exports (user_id, created_at desc)`.execute(db);
  // What the hourly clean-up looks for: built exports whose file is still kept.
  await sql`create index data_exports_kept_idx on data_exports (expires_at) where storage_key is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table data_exports`.execute(db);
}
