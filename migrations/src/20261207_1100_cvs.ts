import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// One structured CV per person, the optional file of it, and what the competence directory
// searches. Whether it is shown is not stored here: the directory reads the person's current
// Liberatoria from consent_records in its own query, so a revocation counts at once.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table cvs (
    user_id bigint primary key references users (id) on delete cascade,
    headline text not null default '' check (char_length(headline) <= 200),
    summary text not null default '' check (char_length(summary) <= 5000),
    languages jsonb not null default '[]'
      check (jsonb_typeof(languages) = 'array' and jsonb_array_length(languages) <= 50),
    competences jsonb not null default '[]'
      check (jsonb_typeof(competences) = 'array' and jsonb_array_length(competences) <= 50),
    experiences jsonb not null default '[]'
      check (jsonb_typeof(experiences) = 'array' and jsonb_array_length(experiences) <= 50),
    file_storage_key text,
    file_media_type text,
    file_name text,
    file_size bigint check (file_size > 0),
    file_sha256 text,
    file_uploaded_at timestamptz,
    search_vector tsvector not null,
    updated_at timestamptz not null default now(),
    -- A file is all of its fields or none of them.
    check (num_nulls(file_storage_key, file_media_type, file_name, file_size, file_sha256, file_uploaded_at) in (0, 6))
  )`.execute(db);
  await sql`create index cvs_search_idx on cvs using gin (search_vector)`.execute(db);
  // The directory's filters are containment tests (languages @> '[{"code":"en"}]').
  await sql`create index cvs_languages_idx on cvs using gin (languages jsonb_path_ops)`.execute(db);
  await sql`create index cvs_competences_idx on cvs using gin (competences jsonb_path_ops)`.execute(db);
  await sql`create index cvs_experiences_idx on cvs using gin (experiences jsonb_path_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table cvs`.execute(db);
}
