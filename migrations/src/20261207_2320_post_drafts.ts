import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// What a person was writing and has not posted yet: a reply per thread, a new thread per table.
// Kept on the server so a closed tab or another device finds it; posting removes it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table post_drafts (
      id bigint generated always as identity primary key,
      user_id bigint not null references users (id) on delete cascade,
      thread_id bigint references threads (id) on delete cascade,
      table_id bigint references tables (id) on delete cascade,
      title text not null default '' check (length(title) <= 200),
      body text not null check (length(body) <= 50000),
      updated_at timestamptz not null default now(),
      check (num_nonnulls(thread_id, table_id) = 1)
    )`.execute(db);
  await sql`create unique index post_drafts_thread_idx on post_drafts (user_id, thread_id) where thread_id is not null`.execute(
    db,
  );
  await sql`create unique index post_drafts_table_idx on post_drafts (user_id, table_id) where table_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table post_drafts`.execute(db);
}
