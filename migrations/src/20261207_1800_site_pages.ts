import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// What an Italian public service links from every page's footer, worded by the admins: the
// accessibility statement and the legal notes (the privacy notice is a consent of its own).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table site_pages (
    slug text primary key check (slug in ('accessibilita', 'note-legali')),
    text_it text not null,
    text_en text not null,
    html_it text not null,
    html_en text not null,
    updated_by bigint references users (id) on delete set null,
    updated_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table site_pages`.execute(db);
}
