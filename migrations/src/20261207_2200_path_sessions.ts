import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// The path of a table: its in-presence or online lab sessions per dimension, who took part in
// each, the products due by a date, and the personal tokens calendar apps subscribe with.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table table_sessions (
      id bigint generated always as identity primary key,
      table_id bigint not null references tables (id) on delete cascade,
      title text not null check (length(title) between 1 and 200),
      dimension text not null references dimensions (slug),
      starts_at timestamptz not null,
      -- Half days exist ("1,5 giornate"): lengths go in steps of half a day.
      days real not null check (days > 0 and days <= 30 and days * 2 = trunc(days * 2)),
      place text check (length(place) <= 300),
      online_url text check (length(online_url) <= 500),
      created_by bigint references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index table_sessions_table_idx on table_sessions (table_id, starts_at, id)`.execute(db);
  await sql`create index table_sessions_starts_idx on table_sessions (starts_at)`.execute(db);

  await sql`
    create table session_attendance (
      session_id bigint not null references table_sessions (id) on delete cascade,
      user_id bigint not null references users (id) on delete cascade,
      recorded_by bigint references users (id) on delete set null,
      recorded_at timestamptz not null default now(),
      primary key (session_id, user_id)
    )`.execute(db);
  await sql`create index session_attendance_user_idx on session_attendance (user_id, session_id)`.execute(db);

  await sql`
    create table path_products (
      id bigint generated always as identity primary key,
      table_id bigint not null references tables (id) on delete cascade,
      dimension text not null references dimensions (slug),
      document_kind text not null check (document_kind in ('strategic_plan','skills_report','organisation_report',
        'organisation_model','experience_sheet','experience_database','stakeholder_database','institutional_cv',
        'template','tool','other')),
      due_at date not null,
      created_by bigint references users (id) on delete set null,
      created_at timestamptz not null default now(),
      unique (table_id, dimension, document_kind)
    )`.execute(db);

  await sql`
    create table calendar_tokens (
      user_id bigint primary key references users (id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index users_ente_idx on users (ente_id) where ente_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index users_ente_idx`.execute(db);
  await sql`drop table calendar_tokens`.execute(db);
  await sql`drop table path_products`.execute(db);
  await sql`drop table session_attendance`.execute(db);
  await sql`drop table table_sessions`.execute(db);
}
