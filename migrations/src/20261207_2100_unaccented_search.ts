import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// Search ignores accents both ways: Italian and English configurations that take accents off
// before stemming, and every stored search vector (posts, documents, CVs) rebuilt with them.
// unaccent is a trusted extension: the database's owner may create it.
const IT = 'hubspoke_italian';
const EN = 'hubspoke_english';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists unaccent`.execute(db);
  for (const [name, copy, stem] of [
    [IT, 'pg_catalog.italian', 'italian_stem'],
    [EN, 'pg_catalog.english', 'english_stem'],
  ] as const) {
    await sql.raw(`create text search configuration ${name} (copy = ${copy})`).execute(db);
    await sql
      .raw(`alter text search configuration ${name} alter mapping for hword, hword_part, word with unaccent, ${stem}`)
      .execute(db);
  }
  const both = (text: string) => `to_tsvector('${IT}'::regconfig, ${text}) || to_tsvector('${EN}'::regconfig, ${text})`;
  // Posts kept only their Markdown and HTML: the text is the HTML without its tags.
  const plain = `regexp_replace(p.body_html, '<[^>]+>', ' ', 'g')`;
  await sql
    .raw(`update posts p set search_vector = case when p.number = 1
        then setweight(${both('t.title')}, 'A') || ${both(plain)}
        else ${both(plain)} end
      from threads t where t.id = p.thread_id`)
    .execute(db);
  await sql`alter table documents drop column search_vector`.execute(db);
  await sql
    .raw(`alter table documents add column search_vector tsvector generated always as (
      setweight(${both('title')}, 'A') || ${both('description')}) stored`)
    .execute(db);
  await sql`create index documents_search_idx on documents using gin (search_vector)`.execute(db);
  await sql
    .raw(`update cvs set search_vector =
      setweight(${both("headline || ' ' || coalesce((select string_agg(c ->> 'skill', ' ') from jsonb_array_elements(competences) c), '')")}, 'A')
      || setweight(${both('summary')}, 'B')
      || setweight(${both("coalesce((select string_agg(concat_ws(' ', e ->> 'title', e ->> 'programme', e ->> 'fund', e ->> 'role'), ' ') from jsonb_array_elements(experiences) e), '')")}, 'C')`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table documents drop column search_vector`.execute(db);
  await sql`alter table documents add column search_vector tsvector generated always as (
      setweight(to_tsvector('italian'::regconfig, title) || to_tsvector('english'::regconfig, title), 'A')
      || to_tsvector('italian'::regconfig, description) || to_tsvector('english'::regconfig, description)) stored`.execute(
    db,
  );
  await sql`create index documents_search_idx on documents using gin (search_vector)`.execute(db);
  await sql.raw(`drop text search configuration ${IT}`).execute(db);
  await sql.raw(`drop text search configuration ${EN}`).execute(db);
}
