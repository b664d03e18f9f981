import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// Private conversations between two and twenty people. Only members read them; a member who
// leaves stops reading them (left_at). Moderators are added when someone calls them in.
// `accepts_messages` lets a person refuse to be written to (moderators and admins still can).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column accepts_messages boolean not null default true`.execute(db);
  await sql`
    create table conversations (
      id bigint generated always as identity primary key,
      title text not null default '' check (length(title) <= 200),
      created_by bigint references users (id) on delete set null,
      -- The asker marked it as a question to a tutor: tutoring figures may count it.
      is_question boolean not null default false,
      created_at timestamptz not null default now(),
      last_message_id bigint not null default 0,
      last_message_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table conversation_members (
      conversation_id bigint not null references conversations (id) on delete cascade,
      user_id bigint not null references users (id) on delete cascade,
      joined_at timestamptz not null default now(),
      left_at timestamptz,
      last_read_message_id bigint not null default 0,
      called_in_by bigint references users (id) on delete set null,
      primary key (conversation_id, user_id)
    )`.execute(db);
  await sql`create index conversation_members_user_idx on conversation_members (user_id) where left_at is null`.execute(
    db,
  );
  await sql`
    create table conversation_messages (
      id bigint generated always as identity primary key,
      conversation_id bigint not null references conversations (id) on delete cascade,
      author_id bigint references users (id) on delete set null,
      body text not null check (length(body) between 1 and 50000),
      body_html text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index conversation_messages_list_idx on conversation_messages (conversation_id, id)`.execute(db);
  await sql`
    create table conversation_flags (
      id bigint generated always as identity primary key,
      conversation_id bigint not null references conversations (id) on delete cascade,
      flagged_by bigint references users (id) on delete set null,
      reason text not null check (length(reason) between 1 and 1000),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index conversation_flags_conversation_idx on conversation_flags (conversation_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table conversation_flags`.execute(db);
  await sql`drop table conversation_messages`.execute(db);
  await sql`drop table conversation_members`.execute(db);
  await sql`drop table conversations`.execute(db);
  await sql`alter table users drop column accepts_messages`.execute(db);
}
