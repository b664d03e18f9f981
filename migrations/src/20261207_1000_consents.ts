import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// The programme's consents: numbered versions of each text (Patto, Liberatoria, privacy notice),
// and one row per acceptance or revocation that is never changed afterwards — the record a
// programme must be able to show. A trigger refuses updates and deletes, whoever asks.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table consent_versions (
    id bigserial primary key,
    kind text not null check (kind in ('patto', 'liberatoria', 'privacy')),
    version integer not null check (version > 0),
    text_it text not null,
    text_en text not null,
    html_it text not null,
    html_en text not null,
    published_by bigint references users (id) on delete set null,
    published_at timestamptz not null default now(),
    unique (kind, version)
  )`.execute(db);
  await sql`create table consent_records (
    id bigserial primary key,
    user_id bigint not null references users (id),
    kind text not null check (kind in ('patto', 'liberatoria', 'privacy')),
    version integer not null,
    action text not null check (action in ('accept', 'revoke')),
    text_sha256 text not null,
    ip text,
    created_at timestamptz not null default now(),
    foreign key (kind, version) references consent_versions (kind, version)
  )`.execute(db);
  // The latest record of a person for a kind decides their state: this index finds it at once.
  await sql`create index consent_records_latest_idx on consent_records (user_id, kind, id desc)`.execute(db);
  await sql`create index consent_records_kind_idx on consent_records (kind, version)`.execute(db);
  await sql`create function consent_records_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'consent records are never changed or deleted' using errcode = 'P0001';
    end $$`.execute(db);
  await sql`create trigger consent_records_append_only before update or delete on consent_records
    for each row execute function consent_records_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table consent_records`.execute(db);
  await sql`drop function consent_records_append_only()`.execute(db);
  await sql`drop table consent_versions`.execute(db);
}
