import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// Pictures and files sent from the composer. An upload belongs to the table it was sent for and
// waits, unattached (post_id null), until a post of its uploader in that table references it;
// unattached uploads are removed after a day.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table post_uploads (
      id bigint generated always as identity primary key,
      uploader_id bigint not null references users (id) on delete cascade,
      table_id bigint not null references tables (id) on delete cascade,
      post_id bigint references posts (id) on delete cascade,
      kind text not null check (kind in ('image', 'file')),
      name text not null check (length(name) between 1 and 255),
      media_type text not null,
      size bigint not null check (size > 0),
      storage_key text not null,
      thumb_storage_key text,
      width integer,
      height integer,
      sha256 text not null,
      created_at timestamptz not null default now(),
      check ((kind = 'image') = (thumb_storage_key is not null and width is not null and height is not null))
    )`.execute(db);
  await sql`create index post_uploads_post_idx on post_uploads (post_id) where post_id is not null`.execute(db);
  await sql`create index post_uploads_unattached_idx on post_uploads (created_at) where post_id is null`.execute(db);
  await sql`create index post_uploads_storage_key_idx on post_uploads (storage_key)`.execute(db);
  await sql`create index post_uploads_thumb_key_idx on post_uploads (thumb_storage_key) where thumb_storage_key is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table post_uploads`.execute(db);
}
