import { sql } from 'kysely';
import type { Executor } from '../../connection.js';

/**
 * The results of a survey, every number a SQL aggregate over `survey_answer_items` (one row per
 * chosen option, number or text of each response): nothing here reads answers into memory.
 * Only submitted responses count; drafts are their writers' own.
 */

/**
 * Each submitted response with each of the survey's tables its respondent takes part in: a
 * person's own, or for an ente those of any of its people (once per table). Joins, not a check
 * per response and table, so it stays one pass over the participants.
 */
const responseTables = (surveyId: number) => sql`
  select r.id as response_id, tp.table_id
    from survey_responses r
    join table_participants tp on tp.user_id = r.user_id
    join survey_tables st on st.survey_id = r.survey_id and st.table_id = tp.table_id
   where r.survey_id = ${surveyId} and r.submitted_at is not null and r.user_id is not null
  union
  select r.id, tp.table_id
    from survey_responses r
    join users u on u.ente_id = r.ente_id
    join table_participants tp on tp.user_id = u.id
    join survey_tables st on st.survey_id = r.survey_id and st.table_id = tp.table_id
   where r.survey_id = ${surveyId} and r.submitted_at is not null and r.ente_id is not null`;

export interface CountRow {
  /** The table or region the row is about; null in the overall rows. */
  group_key: string | null;
  question_key: string;
  /** Null: the number of responses that answered the question at all. */
  option_key: string | null;
  count: number;
}

/** Per question and option, and per question (option null: how many answered it). */
export async function overallCounts(db: Executor, surveyId: number): Promise<CountRow[]> {
  const { rows } = await sql<CountRow>`
    select null::text as group_key, i.question_key, i.option_key, count(distinct i.response_id)::int as count
      from survey_answer_items i
      join survey_responses r on r.id = i.response_id and r.submitted_at is not null
     where i.survey_id = ${surveyId}
     group by grouping sets ((i.question_key, i.option_key), (i.question_key))`.execute(db);
  return rows;
}

/**
 * The same by table: a response counts under each of the survey's tables its respondent takes
 * part in (a person's memberships; for an ente, those of any of its people).
 */
export async function countsByTable(db: Executor, surveyId: number): Promise<CountRow[]> {
  const { rows } = await sql<CountRow>`
    with response_tables as (${responseTables(surveyId)})
    select rt.table_id::text as group_key, i.question_key, i.option_key, count(distinct i.response_id)::int as count
      from survey_answer_items i
      join response_tables rt on rt.response_id = i.response_id
     where i.survey_id = ${surveyId}
     group by grouping sets ((rt.table_id, i.question_key, i.option_key), (rt.table_id, i.question_key))`.execute(db);
  return rows;
}

/** The same by region of the respondent's ente ('' for none). */
export async function countsByRegion(db: Executor, surveyId: number): Promise<CountRow[]> {
  const { rows } = await sql<CountRow>`
    with response_regions as (
      select r.id as response_id, coalesce(e.region, '') as region
        from survey_responses r
        left join users u on u.id = r.user_id
        left join enti e on e.id = coalesce(r.ente_id, u.ente_id)
       where r.survey_id = ${surveyId} and r.submitted_at is not null
    )
    select rr.region as group_key, i.question_key, i.option_key, count(distinct i.response_id)::int as count
      from survey_answer_items i
      join response_regions rr on rr.response_id = i.response_id
     where i.survey_id = ${surveyId}
     group by grouping sets ((rr.region, i.question_key, i.option_key), (rr.region, i.question_key))`.execute(db);
  return rows;
}

/** Submitted responses by table and by region: the bases the per-group counts are out of. */
export async function respondentsByGroup(
  db: Executor,
  surveyId: number,
): Promise<Array<{ dimension: 'table' | 'region'; group_key: string; count: number }>> {
  const { rows } = await sql<{ dimension: 'table' | 'region'; group_key: string; count: number }>`
    select 'table' as dimension, rt.table_id::text as group_key, count(*)::int as count
      from (${responseTables(surveyId)}) rt
     group by rt.table_id
    union all
    select 'region', coalesce(e.region, ''), count(*)::int
      from survey_responses r
      left join users u on u.id = r.user_id
      left join enti e on e.id = coalesce(r.ente_id, u.ente_id)
     where r.survey_id = ${surveyId} and r.submitted_at is not null
     group by coalesce(e.region, '')`.execute(db);
  return rows;
}

export interface NumberStats {
  question_key: string;
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
}

export async function numberStats(db: Executor, surveyId: number): Promise<NumberStats[]> {
  const { rows } = await sql<NumberStats>`
    select i.question_key, count(*)::int as count, min(i.number_value) as min, max(i.number_value) as max,
           avg(i.number_value) as mean
      from survey_answer_items i
      join survey_responses r on r.id = i.response_id and r.submitted_at is not null
     where i.survey_id = ${surveyId} and i.number_value is not null
     group by i.question_key`.execute(db);
  return rows;
}

/** The texts written next to an "Altro (specificare)" option, newest first, at most `limit` per survey. */
export async function otherTexts(
  db: Executor,
  surveyId: number,
  limit: number,
): Promise<Array<{ question_key: string; option_key: string; text: string }>> {
  const { rows } = await sql<{ question_key: string; option_key: string; text: string }>`
    select i.question_key, i.option_key, i.other_text as text
      from survey_answer_items i
      join survey_responses r on r.id = i.response_id and r.submitted_at is not null
     where i.survey_id = ${surveyId} and i.option_key is not null and i.other_text is not null
     order by r.updated_at desc, i.question_key
     limit ${limit}`.execute(db);
  return rows;
}

/**
 * Who is expected to answer: active people other than admins who may read one of the survey's
 * tables — for an ente survey, the distinct enti of such people — and how many did.
 */
export async function responseRate(
  db: Executor,
  surveyId: number,
  respondent: 'person' | 'ente',
): Promise<{ expected: number; answered: number }> {
  // Everyone reads a table open to all participants; else its participants do.
  const readers = sql`
    from users u
   where u.deactivated_at is null and u.erased_at is null and u.role <> 'admin'
     and (exists (select 1 from survey_tables st join tables t on t.id = st.table_id
                   where st.survey_id = ${surveyId} and t.visibility = 'participants')
          or u.id in (select tp.user_id from table_participants tp
                        join survey_tables st on st.table_id = tp.table_id
                       where st.survey_id = ${surveyId}))`;
  const expected =
    respondent === 'ente'
      ? sql<{ n: number }>`select count(distinct u.ente_id)::int as n ${readers} and u.ente_id is not null`
      : sql<{ n: number }>`select count(*)::int as n ${readers}`;
  const [e, a] = await Promise.all([
    expected.execute(db),
    sql<{ n: number }>`select count(*)::int as n from survey_responses
      where survey_id = ${surveyId} and submitted_at is not null`.execute(db),
  ]);
  return { expected: e.rows[0]?.n ?? 0, answered: a.rows[0]?.n ?? 0 };
}

export interface CsvResponseRow {
  id: number;
  user_id: number | null;
  respondent_name: string | null;
  ente_name: string | null;
  region: string | null;
  submitted_at: Date | null;
  updated_at: Date;
  updated_by_name: string | null;
  answers: Record<string, unknown>;
}

/** Submitted responses one page at a time (keyset by id), for the CSV export. */
export function responsesPage(
  db: Executor,
  surveyId: number,
  afterId: number,
  limit: number,
): Promise<CsvResponseRow[]> {
  return db
    .selectFrom('survey_responses as r')
    .leftJoin('users as owner', 'owner.id', 'r.user_id')
    .leftJoin('enti', (join) => join.on(sql<boolean>`enti.id = coalesce(r.ente_id, owner.ente_id)`))
    .leftJoin('users as writer', 'writer.id', 'r.updated_by')
    .select([
      'r.id',
      'r.user_id',
      'owner.display_name as respondent_name',
      'enti.name as ente_name',
      'enti.region',
      'r.submitted_at',
      'r.updated_at',
      'writer.display_name as updated_by_name',
      'r.answers',
    ])
    .where('r.survey_id', '=', surveyId)
    .where('r.submitted_at', 'is not', null)
    .where('r.id', '>', afterId)
    .orderBy('r.id')
    .limit(limit)
    .execute();
}
