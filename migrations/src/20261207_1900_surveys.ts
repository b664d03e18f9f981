import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// Questionnaires: a survey's questions travel with it (jsonb, as created), it goes to some
// tables, and is answered once per person or once per ente. An ente's answer is one row that its
// people write in turn (the latest writer wins); every save is also kept in the history. The
// answers are repeated as one row per chosen option or number in `survey_answer_items`, rewritten
// on each save, so the results are `group by` queries over indexes, never answers read into memory.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table surveys (
    id bigserial primary key,
    title text not null,
    description text not null default '',
    template text,
    questions jsonb not null,
    respondent text not null check (respondent in ('person', 'ente')),
    opens_at timestamptz not null default now(),
    closes_at timestamptz,
    created_by bigint references users (id) on delete set null,
    created_at timestamptz not null default now(),
    check (closes_at is null or closes_at > opens_at)
  )`.execute(db);
  await sql`create index surveys_opens_idx on surveys (opens_at desc, id desc)`.execute(db);
  await sql`create table survey_tables (
    survey_id bigint not null references surveys (id) on delete cascade,
    table_id bigint not null references tables (id) on delete cascade,
    primary key (survey_id, table_id)
  )`.execute(db);
  await sql`create index survey_tables_table_idx on survey_tables (table_id)`.execute(db);
  await sql`create table survey_responses (
    id bigserial primary key,
    survey_id bigint not null references surveys (id) on delete cascade,
    user_id bigint references users (id),
    ente_id bigint references enti (id) on delete cascade,
    answers jsonb not null default '{}',
    submitted_at timestamptz,
    updated_by bigint references users (id),
    updated_at timestamptz not null default now(),
    check ((user_id is null) <> (ente_id is null))
  )`.execute(db);
  await sql`create unique index survey_responses_person_idx on survey_responses (survey_id, user_id) where user_id is not null`.execute(
    db,
  );
  await sql`create unique index survey_responses_ente_idx on survey_responses (survey_id, ente_id) where ente_id is not null`.execute(
    db,
  );
  await sql`create index survey_responses_ente_latest_idx on survey_responses (ente_id, updated_at desc) where ente_id is not null`.execute(
    db,
  );
  await sql`create table survey_response_changes (
    id bigserial primary key,
    response_id bigint not null references survey_responses (id) on delete cascade,
    answers jsonb not null,
    submitted boolean not null,
    changed_by bigint references users (id),
    changed_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index survey_response_changes_response_idx on survey_response_changes (response_id, id)`.execute(db);
  await sql`create table survey_answer_items (
    response_id bigint not null references survey_responses (id) on delete cascade,
    survey_id bigint not null references surveys (id) on delete cascade,
    question_key text not null,
    option_key text,
    other_text text,
    number_value double precision
  )`.execute(db);
  await sql`create index survey_answer_items_survey_idx on survey_answer_items (survey_id, question_key, option_key)`.execute(
    db,
  );
  await sql`create index survey_answer_items_response_idx on survey_answer_items (response_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table survey_answer_items`.execute(db);
  await sql`drop table survey_response_changes`.execute(db);
  await sql`drop table survey_responses`.execute(db);
  await sql`drop table survey_tables`.execute(db);
  await sql`drop table surveys`.execute(db);
}
