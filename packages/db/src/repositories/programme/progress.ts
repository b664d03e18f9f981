import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../connection.js';
import type { DocumentStatus, EnteKind, TableKind } from '../../schema.js';
import { tableVisibleTo, type Viewer } from '../spaces/tables.js';

/**
 * How far each ente and each table has got through the programme. Each view is one statement:
 * the page of rows is chosen first (keyset on name, id), then every figure is a `group by` over
 * the rows of that page only, so the cost follows the page and not the number of enti. Products,
 * sessions and questions count only in tables the viewer may read, so a private lab's work shows
 * to nobody outside it.
 *
 * "People" are participants (the role that follows the path), not deactivated or erased.
 */

export interface ProgressFilter {
  region?: string;
  after?: { name: string; id: number };
  limit: number;
}

export interface ProductCount {
  dimension: string;
  status: DocumentStatus;
  count: number;
}

interface ProgressFigures {
  people: number;
  patto_signed: number;
  surveys_expected: number;
  surveys_answered: number;
  products: ProductCount[];
  sessions_held: number;
  sessions_coming: number;
  attendances: number;
  attendances_expected: number;
  questions_open: number;
  questions_answered: number;
  median_first_reply_seconds: number | null;
}

export interface EnteProgressRow extends ProgressFigures {
  id: number;
  name: string;
  kind: EnteKind;
  region: string | null;
}

export interface TableProgressRow extends ProgressFigures {
  id: number;
  name: string;
  kind: TableKind;
  ente_id: number | null;
  ente_name: string | null;
  regions: string[];
}

const visibleTables = (db: Executor, viewer: Viewer) =>
  db.selectFrom('tables').select(['tables.id', 'tables.name', 'tables.ente_id']).where(tableVisibleTo(viewer));

/** Whether the person `p.user_id` holds the current Patto: their latest record accepts its newest version. */
const holdsPatto = sql`(
  select r.action = 'accept' and r.version = (select max(version) from consent_versions where kind = 'patto')
    from consent_records r where r.user_id = p.user_id and r.kind = 'patto' order by r.id desc limit 1)`;

const figures = sql`
  coalesce(ps.people, 0)::int as people,
  coalesce(ps.patto_signed, 0)::int as patto_signed,
  coalesce(ss.expected, 0)::int as surveys_expected,
  coalesce(ss.answered, 0)::int as surveys_answered,
  coalesce(pr.products, '[]'::json) as products,
  coalesce(se.held, 0)::int as sessions_held,
  coalesce(se.coming, 0)::int as sessions_coming,
  coalesce(at.attended, 0)::int as attendances,
  coalesce(at.expected, 0)::int as attendances_expected,
  coalesce(qs.open, 0)::int as questions_open,
  coalesce(qs.answered, 0)::int as questions_answered,
  qs.median_seconds as median_first_reply_seconds`;

const productsJson = sql`json_agg(json_build_object('dimension', c.dimension, 'status', c.status, 'count', c.count)
                                  order by c.dimension, c.status)`;

const questionFigures = sql`
  count(*) filter (where th.question_status = 'open') as open,
  count(th.first_tutor_reply_at) as answered,
  percentile_cont(0.5) within group (order by extract(epoch from th.first_tutor_reply_at - th.created_at))
    filter (where th.first_tutor_reply_at is not null) as median_seconds`;

/**
 * Answers expected and given, per group, from a `targets` CTE of (group_id, survey_id, user_id,
 * target_ente): one row per person asked, or per ente asked, and survey.
 */
const surveyFigures = sql`
  select t.group_id, count(*) as expected, count(coalesce(rp.id, re.id)) as answered
    from targets t
    left join survey_responses rp on rp.survey_id = t.survey_id and rp.user_id = t.user_id and rp.submitted_at is not null
    left join survey_responses re on re.survey_id = t.survey_id and re.ente_id = t.target_ente and re.submitted_at is not null
   group by t.group_id`;

function keyset(filter: ProgressFilter, name: RawBuilder<unknown>, id: RawBuilder<unknown>) {
  return filter.after ? sql`and (${name}, ${id}) > (${filter.after.name}, ${filter.after.id})` : sql``;
}

/** One row per ente (a page of them, by name), with its people's figures across the tables the viewer may read. */
export async function byEnte(
  db: Executor,
  viewer: Viewer,
  filter: ProgressFilter,
  now: Date,
): Promise<EnteProgressRow[]> {
  const { rows } = await sql<EnteProgressRow>`
    with visible as (${visibleTables(db, viewer)}),
    page as (
      select e.id, e.name, e.kind, e.region from enti e
       where true ${filter.region ? sql`and e.region = ${filter.region}` : sql``}
       ${keyset(filter, sql.ref('e.name'), sql.ref('e.id'))}
       order by e.name, e.id limit ${filter.limit}),
    people as (
      select u.id as user_id, u.ente_id from users u join page on page.id = u.ente_id
       where u.role = 'participant' and u.deactivated_at is null and u.erased_at is null),
    ps as (
      select p.ente_id, count(*) as people, count(*) filter (where ${holdsPatto}) as patto_signed
        from people p group by p.ente_id),
    memberships as (
      select p.ente_id, p.user_id, m.table_id from people p
        join table_members m on m.user_id = p.user_id
        join visible v on v.id = m.table_id),
    targets as (
      select distinct m.ente_id as group_id, s.id as survey_id, m.user_id, null::bigint as target_ente
        from memberships m join survey_tables st on st.table_id = m.table_id
        join surveys s on s.id = st.survey_id and s.respondent = 'person' and s.opens_at <= ${now}
      union
      select distinct m.ente_id, s.id, null::bigint, m.ente_id
        from memberships m join survey_tables st on st.table_id = m.table_id
        join surveys s on s.id = st.survey_id and s.respondent = 'ente' and s.opens_at <= ${now}),
    ss as (${surveyFigures}),
    pr as (
      select c.ente_id, ${productsJson} as products from (
        select u.ente_id, d.dimension, d.status, count(*)::int as count
          from documents d join visible v on v.id = d.table_id
          join users u on u.id = d.author_id join page on page.id = u.ente_id
         where d.dimension is not null and d.status <> 'archived'
         group by u.ente_id, d.dimension, d.status) c
       group by c.ente_id),
    held as (
      select distinct m.ente_id, s.id as session_id, s.table_id, s.starts_at < ${now} as past
        from memberships m join table_sessions s on s.table_id = m.table_id),
    se as (
      select h.ente_id, count(*) filter (where h.past) as held, count(*) filter (where not h.past) as coming
        from held h group by h.ente_id),
    -- Joins, not "in (select …)" per attendance row: that made a page's cost grow with the square of its size.
    per_table as (select m.ente_id, m.table_id, count(*) as members from memberships m group by m.ente_id, m.table_id),
    at as (
      select h.ente_id, count(p.user_id) as attended, max(pt.members) as per_session
        from held h
        join per_table pt on pt.ente_id = h.ente_id and pt.table_id = h.table_id
        left join session_attendance a on a.session_id = h.session_id
        left join people p on p.user_id = a.user_id and p.ente_id = h.ente_id
       where h.past
       group by h.ente_id, h.session_id, h.table_id),
    atx as (select ente_id, sum(attended) as attended, sum(per_session) as expected from at group by ente_id),
    qs as (
      select u.ente_id, ${questionFigures}
        from threads th join visible v on v.id = th.table_id
        join users u on u.id = th.author_id join page on page.id = u.ente_id
       where th.kind = 'question'
       group by u.ente_id)
    select page.id, page.name, page.kind, page.region, ${figures}
      from page
      left join ps on ps.ente_id = page.id
      left join ss on ss.group_id = page.id
      left join pr on pr.ente_id = page.id
      left join se on se.ente_id = page.id
      left join atx at on at.ente_id = page.id
      left join qs on qs.ente_id = page.id
     order by page.name, page.id`.execute(db);
  return rows;
}

/** One row per table the viewer may read (a page of them, by name), with its members' figures. */
export async function byTable(
  db: Executor,
  viewer: Viewer,
  filter: ProgressFilter,
  now: Date,
): Promise<TableProgressRow[]> {
  const { rows } = await sql<TableProgressRow>`
    with visible as (${visibleTables(db, viewer)}),
    page as (
      select t.id, t.name, t.kind, t.ente_id, e.name as ente_name, t.regions
        from tables t join visible v on v.id = t.id left join enti e on e.id = t.ente_id
       where true ${filter.region ? sql`and ${filter.region} = any(t.regions)` : sql``}
       ${keyset(filter, sql.ref('t.name'), sql.ref('t.id'))}
       order by t.name, t.id limit ${filter.limit}),
    people as (
      select m.table_id, u.id as user_id, u.ente_id from table_members m
        join page on page.id = m.table_id
        join users u on u.id = m.user_id
       where u.role = 'participant' and u.deactivated_at is null and u.erased_at is null),
    ps as (
      select p.table_id, count(*) as people, count(*) filter (where ${holdsPatto}) as patto_signed
        from people p group by p.table_id),
    targets as (
      select p.table_id as group_id, s.id as survey_id, p.user_id, null::bigint as target_ente
        from people p join survey_tables st on st.table_id = p.table_id
        join surveys s on s.id = st.survey_id and s.respondent = 'person' and s.opens_at <= ${now}
      union
      select distinct p.table_id, s.id, null::bigint, p.ente_id
        from people p join survey_tables st on st.table_id = p.table_id
        join surveys s on s.id = st.survey_id and s.respondent = 'ente' and s.opens_at <= ${now}
       where p.ente_id is not null),
    ss as (${surveyFigures}),
    pr as (
      select c.table_id, ${productsJson} as products from (
        select d.table_id, d.dimension, d.status, count(*)::int as count
          from documents d join page on page.id = d.table_id
         where d.dimension is not null and d.status <> 'archived'
         group by d.table_id, d.dimension, d.status) c
       group by c.table_id),
    sessions as (
      select s.id, s.table_id, s.starts_at < ${now} as past from table_sessions s join page on page.id = s.table_id),
    se as (
      select s.table_id, count(*) filter (where s.past) as held, count(*) filter (where not s.past) as coming
        from sessions s group by s.table_id),
    at as (
      select s.table_id,
             count(p.user_id) as attended,
             count(distinct s.id) * coalesce(max(ps.people), 0) as expected
        from sessions s
        left join session_attendance a on a.session_id = s.id
        left join people p on p.table_id = s.table_id and p.user_id = a.user_id
        left join ps on ps.table_id = s.table_id
       where s.past
       group by s.table_id),
    qs as (
      select th.table_id, ${questionFigures}
        from threads th join page on page.id = th.table_id
       where th.kind = 'question'
       group by th.table_id)
    select page.id, page.name, page.kind, page.ente_id, page.ente_name, page.regions, ${figures}
      from page
      left join ps on ps.table_id = page.id
      left join ss on ss.group_id = page.id
      left join pr on pr.table_id = page.id
      left join se on se.table_id = page.id
      left join at on at.table_id = page.id
      left join qs on qs.table_id = page.id
     order by page.name, page.id`.execute(db);
  return rows;
}
