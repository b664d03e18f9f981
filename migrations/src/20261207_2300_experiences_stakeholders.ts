import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// The programme's two optional databases: experiences of past cooperation (schede di
// valorizzazione), drafted by an ente and published by moderators, with the documents and threads
// they point at; and the territorial stakeholders each ente keeps. Sectors and countries are short
// codes checked by the domain (the seed's sector list, ISO 3166-1), stored as arrays so a filter
// is one containment test on a GIN index.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table experiences (
      id bigint generated always as identity primary key,
      ente_id bigint not null references enti (id) on delete cascade,
      author_id bigint references users (id) on delete set null,
      status text not null default 'draft' check (status in ('draft', 'published')),
      title text not null check (length(title) between 1 and 200),
      summary text not null check (length(summary) between 1 and 5000),
      programme text check (length(programme) <= 200),
      fund text check (length(fund) <= 200),
      countries text[] not null default '{}' check (cardinality(countries) <= 50),
      partners text[] not null default '{}' check (cardinality(partners) <= 50),
      sectors text[] not null default '{}' check (cardinality(sectors) <= 20),
      focus_area text not null references focus_areas (slug),
      dimension text references dimensions (slug),
      year_from integer not null check (year_from between 1950 and 2100),
      year_to integer check (year_to between 1950 and 2100 and year_to >= year_from),
      budget_eur bigint check (budget_eur >= 0),
      results text check (length(results) <= 5000),
      lessons text check (length(lessons) <= 5000),
      search_vector tsvector not null,
      published_at timestamptz,
      published_by bigint references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index experiences_list_idx on experiences (status, id desc)`.execute(db);
  await sql`create index experiences_ente_idx on experiences (ente_id, id desc)`.execute(db);
  await sql`create index experiences_search_idx on experiences using gin (search_vector)`.execute(db);
  await sql`create index experiences_countries_idx on experiences using gin (countries)`.execute(db);
  await sql`create index experiences_sectors_idx on experiences using gin (sectors)`.execute(db);

  await sql`
    create table experience_links (
      experience_id bigint not null references experiences (id) on delete cascade,
      position smallint not null,
      document_id bigint references documents (id) on delete cascade,
      thread_id bigint references threads (id) on delete cascade,
      primary key (experience_id, position),
      check (num_nulls(document_id, thread_id) = 1)
    )`.execute(db);
  await sql`create index experience_links_document_idx on experience_links (document_id) where document_id is not null`.execute(
    db,
  );
  await sql`create index experience_links_thread_idx on experience_links (thread_id) where thread_id is not null`.execute(
    db,
  );

  await sql`
    create table stakeholders (
      id bigint generated always as identity primary key,
      ente_id bigint not null references enti (id) on delete cascade,
      created_by bigint references users (id) on delete set null,
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('comune', 'provincia', 'regione', 'associazione', 'ong', 'agenzia',
        'universita', 'impresa', 'camera_di_commercio', 'altro')),
      region text not null check (length(region) between 1 and 80),
      sectors text[] not null default '{}' check (cardinality(sectors) <= 20),
      countries text[] not null default '{}' check (cardinality(countries) <= 50),
      website text check (length(website) <= 500),
      email text check (length(email) <= 254),
      notes text check (length(notes) <= 2000),
      search_vector tsvector not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index stakeholders_name_idx on stakeholders (name, id)`.execute(db);
  await sql`create index stakeholders_ente_idx on stakeholders (ente_id)`.execute(db);
  await sql`create index stakeholders_search_idx on stakeholders using gin (search_vector)`.execute(db);
  await sql`create index stakeholders_sectors_idx on stakeholders using gin (sectors)`.execute(db);
  await sql`create index stakeholders_countries_idx on stakeholders using gin (countries)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table stakeholders`.execute(db);
  await sql`drop table experience_links`.execute(db);
  await sql`drop table experiences`.execute(db);
}
