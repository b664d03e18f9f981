/**
 * `node --import tsx tests/bench/programme-progress.ts [--enti 500] [--keep]`: the programme's
 * progress (the Avanzamento page and its CSV) over many enti, through the domain's own functions,
 * as an admin and as a moderator who is a member of a few tables: the first page of each view, a
 * page deep in the keyset, a page of one region, and the whole CSV of each view. Seeds its own
 * database (`hubspoke_bench_progress`, dropped afterwards unless `--keep`) with set-based SQL:
 * ~12 participants per ente, a lab per ente and 20 regional tables, the Patto in two versions,
 * a questionnaire per person and one per ente, sessions with attendance, path products,
 * documents and questions. Prints the median and max of five runs after a warm-up, the number
 * of statements per call, and the plan of each view's first-page statement (EXPLAIN ANALYZE,
 * as sent and as a generic plan, which is what a named statement may settle on). The targets
 * are printed next to the numbers: a miss is reported, never a failure.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'hubspoke_bench_progress';
const args = process.argv.slice(2);
const entiCount = Number(args[args.indexOf('--enti') + 1] ?? 0) || 500;
const keep = args.includes('--keep');
const REGIONS = [
  'Puglia',
  'Sicilia',
  'Campania',
  'Calabria',
  'Basilicata',
  'Sardegna',
  'Lazio',
  'Molise',
  'Abruzzo',
  'Marche',
];
const PAGE = 50;
const DEEP_PAGES = 6;
const TARGET_PAGE_MS = 50;
const TARGET_CSV_MS = 1000;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function timed(runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return { median: median(times), max: Math.max(...times) };
}

/**
 * Every statement any pool of this process sends, while `recording`: the pools made by `createDb`
 * end in `pg.Client.prototype.query` too, named or not.
 */
interface Statement {
  text: string;
  values: unknown[];
}
let recording: Statement[] | undefined;
const clientProto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
const sendQuery = clientProto.query;
clientProto.query = function (this: unknown, ...a: unknown[]) {
  if (recording) {
    const [first, second] = a as [string | { text?: string; values?: unknown[] }, unknown];
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const values = Array.isArray(second) ? second : typeof first === 'object' ? (first?.values ?? []) : [];
    recording.push({ text, values });
  }
  return sendQuery.apply(this, a);
};

async function recorded<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  recording = [];
  try {
    const result = await fn();
    return { result, statements: recording };
  } finally {
    recording = undefined;
  }
}

/** A call timed: a page of either view, or a CSV. */
type Call = () => Promise<string | { enti?: unknown[]; tables?: unknown[] }>;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'CTE Name'?: string;
  'Subplan Name'?: string;
  'Actual Total Time': number;
  'Actual Loops': number;
  'Actual Rows': number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}
interface Explained {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
}

/** The nodes that take the most time of their own (their time less their children's). */
function heaviest(root: PlanNode, count: number) {
  const nodes: Array<{ label: string; ms: number }> = [];
  const walk = (node: PlanNode) => {
    const total = node['Actual Total Time'] * node['Actual Loops'];
    const children = (node.Plans ?? []).reduce((sum, c) => sum + c['Actual Total Time'] * c['Actual Loops'], 0);
    const on = node['Relation Name'] ?? node['CTE Name'] ?? '';
    const via = node['Index Name'] ? ` using ${node['Index Name']}` : '';
    const sub = node['Subplan Name'] ? ` (${node['Subplan Name']})` : '';
    nodes.push({
      label: `${node['Node Type']}${on ? ` on ${on}` : ''}${via}${sub}, ${node['Actual Loops']} loops × ${node['Actual Rows']} rows`,
      ms: Math.max(0, total - children),
    });
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(root);
  return nodes.sort((a, b) => b.ms - a.ms).slice(0, count);
}

const literal = (client: pg.Client, value: unknown) =>
  typeof value === 'number'
    ? String(value)
    : client.escapeLiteral(value instanceof Date ? value.toISOString() : String(value));

/** EXPLAIN ANALYZE of one captured statement: as sent (planned for its values), or as a generic plan. */
async function explain(url: string, statement: Statement, generic: boolean): Promise<Explained> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const options = 'explain (analyze, buffers, format json)';
    if (!generic) {
      const { rows } = await client.query(`${options} ${statement.text}`, statement.values);
      return rows[0]['QUERY PLAN'][0];
    }
    await client.query('set plan_cache_mode = force_generic_plan');
    await client.query(`prepare bench_plan as ${statement.text}`);
    const values = statement.values.map((v) => literal(client, v)).join(', ');
    const { rows } = await client.query(`${options} execute bench_plan(${values})`);
    return rows[0]['QUERY PLAN'][0];
  } finally {
    await client.end();
  }
}

async function seed(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const q = (text: string, values: unknown[] = []) => pool.query(text, values);
  try {
    await q(
      `insert into users (email, handle, display_name, role, password_hash, created_at)
       select s.handle || '@bench.example.it', s.handle, s.name, s.role, 'bench', now() - interval '120 days'
         from (values ('amministrazione', 'Amministrazione', 'admin'), ('moderatrice', 'Moderatrice', 'moderator')) s(handle, name, role)
       union all
       select 'tutor' || g || '@bench.example.it', 'tutor' || g, 'Tutor ' || g, 'tutor', 'bench', now() - interval '120 days'
         from generate_series(1, 8) g`,
    );
    await q(
      `insert into enti (name, kind, region, created_at)
       select case k.kind when 'comune' then 'Comune di ' when 'provincia' then 'Provincia di '
                when 'citta_metropolitana' then 'Città metropolitana di ' when 'regione' then 'Regione '
                else 'Unione dei comuni di ' end
                || initcap(s.k[1 + g % 9] || s.k[1 + (g / 9) % 9] || s.k[1 + (g / 81) % 9]) || ' ' || g,
              k.kind, ($2::text[])[1 + g % array_length($2::text[], 1)], now() - interval '120 days'
         from generate_series(1, $1::int) g,
              lateral (select case when g % 20 < 16 then 'comune' when g % 20 < 18 then 'provincia'
                                   when g % 20 = 18 then 'citta_metropolitana' when g % 40 = 19 then 'regione'
                                   else 'altro' end as kind) k,
              (select array['san','mon','ter','ca','val','ro','ma','li','sa'] k) s`,
      [entiCount, REGIONS],
    );
    // 8 to 16 participants per ente (12 on average); about 1% deactivated.
    await q(
      `insert into users (email, handle, display_name, role, ente_id, password_hash, created_at, deactivated_at)
       select 'p' || e.id || '_' || i || '@bench.example.it', 'p' || e.id || '_' || i,
              'Partecipante ' || i || ' ' || e.name, 'participant', e.id, 'bench', now() - interval '100 days',
              case when (e.id * 31 + i) % 97 = 0 then now() - interval '5 days' end
         from enti e, generate_series(1, 8 + (e.id * 7) % 9) i
        order by e.id, i`,
    );
    await q(
      `insert into tables (name, description, kind, regions, visibility, ente_id, created_at)
       select 'Laboratorio ' || e.name, 'Il laboratorio dell''ente', 'lab', array[e.region], 'members', e.id,
              now() - interval '100 days'
         from enti e order by e.id`,
    );
    await q(
      `insert into tables (name, description, kind, regions, visibility, created_at)
       select 'Tavolo regionale ' || r || ' ' || k, 'Tavolo regionale', 'regional', array[r],
              case when k = 1 then 'participants' else 'members' end, now() - interval '100 days'
         from unnest($1::text[]) r, generate_series(1, 2) k`,
      [REGIONS],
    );
    // Each participant in the ente's lab and in one of the two tables of its region (one in five in both).
    await q(
      `insert into table_members (table_id, user_id, created_at)
       select t.id, u.id, now() - interval '90 days' from users u join tables t on t.kind = 'lab' and t.ente_id = u.ente_id
        where u.role = 'participant'`,
    );
    await q(
      `with regional as (
         select t.id, t.regions[1] as region, row_number() over (partition by t.regions[1] order by t.id) as k
           from tables t where t.kind = 'regional')
       insert into table_members (table_id, user_id, created_at)
       select r.id, u.id, now() - interval '90 days'
         from users u join enti e on e.id = u.ente_id join regional r on r.region = e.region
        where u.role = 'participant' and (r.k = 1 + u.id % 2 or u.id % 5 = 0)`,
    );
    // The moderator: five labs and two regional tables that admit members only; tutors in pools and regional tables.
    await q(
      `insert into table_members (table_id, user_id)
       select t.id, m.id from users m,
              lateral (select id from tables where kind = 'lab' order by id limit 5 offset 3) t
        where m.handle = 'moderatrice'
       union all
       select t.id, m.id from users m,
              lateral (select id from tables where kind = 'regional' and visibility = 'members' order by id limit 2) t
        where m.handle = 'moderatrice'
       union all
       select t.id, u.id from users u join tables t on t.kind = 'regional' and t.id % 8 in (u.id % 8, (u.id + 3) % 8)
        where u.role = 'tutor'`,
    );
    await q(
      `insert into tutor_pools (tutor_id, table_id)
       select u.id, t.id from users u join tables t on t.kind = 'lab' and t.id % 8 = u.id % 8 where u.role = 'tutor'`,
    );
    await q(
      `insert into tutor_pools (tutor_id, focus_area)
       select u.id, case when u.id % 2 = 0 then 'cultura' else 'innovazione' end from users u where u.role = 'tutor'`,
    );

    // The privacy notice (accepted by all), the Patto in two versions: 85% signed the first, 72% the
    // current one and a few of those revoked it since, leaving about 70% holding it.
    await q(
      `insert into consent_versions (kind, version, text_it, text_en, html_it, html_en, published_by, published_at)
       select v.kind, v.version, v.text, v.text, '<p>' || v.text || '</p>', '<p>' || v.text || '</p>',
              (select id from users where role = 'admin'), now() - v.age * interval '1 day'
         from (values ('privacy', 1, 'Informativa sul trattamento dei dati personali.', 120),
                      ('patto', 1, 'Mi impegno a seguire tutto il percorso.', 60),
                      ('patto', 2, 'Mi impegno a seguire tutto il percorso e a condividerne i prodotti.', 20)) v(kind, version, text, age)`,
    );
    const consent = (where: string, kind: string, version: number, action: string, age: number) =>
      q(
        `insert into consent_records (user_id, kind, version, action, text_sha256, ip, created_at)
         select u.id, $1, $2, $3, encode(sha256(convert_to(v.text_it, 'UTF8')), 'hex'), '10.0.' || u.id % 250 || '.1',
                now() - $4 * interval '1 day' + u.id * interval '1 second'
           from users u join consent_versions v on v.kind = $1 and v.version = $2
          where ${where} order by u.id`,
        [kind, version, action, age],
      );
    await consent('true', 'privacy', 1, 'accept', 95);
    await consent(`u.role <> 'participant' or (u.id * 13) % 100 < 85`, 'patto', 1, 'accept', 55);
    await consent(`u.role <> 'participant' or (u.id * 37) % 100 < 72`, 'patto', 2, 'accept', 15);
    await consent(`u.role = 'participant' and (u.id * 37) % 100 < 2`, 'patto', 2, 'revoke', 2);

    // A path of four sessions per lab (two held) and six per regional table (three held); attendance
    // for the held ones, except one in ten whose record was never taken.
    await q(
      `insert into table_sessions (table_id, title, dimension, starts_at, days, place, created_by, reminded_at)
       select t.id, s.title, s.dimension, s.at, s.days, 'Sede di ' || t.regions[1], (select id from users where role = 'admin'),
              case when s.at < now() then s.at - interval '1 day' end
         from tables t,
              lateral (select 'Incontro ' || n || ': ' || (array['Motivazione e strategia','Competenze e strumenti','Capacità istituzionale'])[1 + n % 3] as title,
                              (array['strategia','competenze','capacita_istituzionale'])[1 + n % 3] as dimension,
                              date_trunc('hour', now()) + (o.days + t.id % 5) * interval '1 day' as at,
                              case when n % 2 = 0 then 1.5 else 1 end as days
                         from unnest(case when t.kind = 'lab' then array[-40, -12, 9, 35] else array[-50, -30, -8, 5, 20, 45] end)
                              with ordinality o(days, n)) s`,
    );
    await q(
      `insert into session_attendance (session_id, user_id, recorded_by, recorded_at)
       select s.id, m.user_id, s.created_by, s.starts_at + interval '1 day'
         from table_sessions s join tables t on t.id = s.table_id join table_members m on m.table_id = s.table_id
        where s.starts_at < now() and s.id % 10 <> 0
          and (m.user_id * 31 + s.id * 17) % 100 < case when t.kind = 'lab' then 80 else 55 end`,
    );
    await q(
      `insert into path_products (table_id, dimension, document_kind, due_at, created_by)
       select t.id, p.dimension, p.kind, current_date + p.days, (select id from users where role = 'admin')
         from tables t,
              (values ('strategia', 'strategic_plan', 30), ('competenze', 'skills_report', 75),
                      ('capacita_istituzionale', 'organisation_report', 120)) p(dimension, kind, days)
        where t.kind = 'lab'`,
    );

    // Documents, each with its discussion thread: one to four in two labs out of five, six per
    // regional table, in every status; a draft's thread is as private as the draft.
    await q(
      `with src as materialized (
         select t.id as table_id, a.user_id as author_id,
                'Documento ' || n || ' · ' || t.name as title,
                (array['strategia','competenze','capacita_istituzionale'])[1 + (t.id + n) % 3] as dimension,
                (array['strategic_plan','skills_report','organisation_report'])[1 + (t.id + n) % 3] as kind,
                (array['draft','submitted','changes_requested','published','published','archived'])[1 + (t.id * 3 + n) % 6] as status,
                case when (t.id + n) % 2 = 0 then 'cultura' else 'innovazione' end as focus_area,
                now() - ((t.id * 7 + n * 3) % 60 + 1) * interval '1 day' as at
           from tables t,
                generate_series(1, case when t.kind = 'lab' then 1 + t.id % 4 else 6 end) n,
                lateral (select m.user_id from table_members m join users u on u.id = m.user_id and u.role = 'participant'
                          where m.table_id = t.id order by (m.user_id * 13 + n * 7) % 17, m.user_id limit 1) a
          where t.kind = 'regional' or t.id % 5 in (0, 2)),
       th as (
         insert into threads (table_id, focus_area, dimension, kind, title, author_id, created_at, last_activity_at)
         select table_id, focus_area, dimension, 'discussion', title, author_id, at, at from src
         returning id, table_id, title)
       insert into documents (table_id, thread_id, author_id, title, description, kind, focus_area, dimension,
                              language, status, created_at, updated_at)
       select s.table_id, th.id, s.author_id, s.title, 'Prodotto del percorso', s.kind, s.focus_area, s.dimension,
              'it', s.status, s.at, s.at + interval '2 days'
         from src s join th on th.table_id = s.table_id and th.title = s.title`,
    );
    await q(
      `insert into document_versions (document_id, number, storage_key, sha256, size, media_type, original_name,
                                      uploaded_by, created_at)
       select d.id, 1, h.sha, h.sha, 180000 + d.id * 7919 % 400000, 'application/pdf', 'documento-' || d.id || '.pdf',
              d.author_id, d.created_at
         from documents d, lateral (select encode(sha256(convert_to('bench ' || d.id, 'UTF8')), 'hex') as sha) h`,
    );
    await q(
      `update documents d set version_count = 1,
              published_version_id = case when d.status = 'published' then v.id end
         from document_versions v where v.document_id = d.id`,
    );
    await q(
      `update threads t set draft_document_id = d.id
         from documents d where d.thread_id = t.id and d.published_version_id is null`,
    );

    // Questions to the tutors: a quarter of the participants asked one in their lab, one in twenty
    // in a regional table; 35% still open, the rest answered (20% of them resolved) after 20 minutes to 2 days.
    await q(
      `insert into threads (table_id, focus_area, dimension, kind, title, author_id, created_at, last_activity_at,
                            question_status, assigned_tutor_id, assigned_at, first_tutor_reply_at, resolved_at)
       select x.table_id, x.focus_area, x.dimension, 'question', 'Domanda di ' || x.user_id || ' nel tavolo ' || x.table_id,
              x.user_id, x.at, coalesce(x.reply, x.at), x.status, x.tutor, x.at + interval '1 hour', x.reply,
              case when x.status = 'resolved' then x.reply + interval '1 day' end
         from (select m.table_id, m.user_id,
                      case when m.user_id % 2 = 0 then 'cultura' else 'innovazione' end as focus_area,
                      (array['strategia','competenze','capacita_istituzionale', null])[1 + m.user_id % 4] as dimension,
                      now() - ((m.user_id * 11 + m.table_id) % 58 + 2) * interval '1 day' as at,
                      case when (m.user_id * 3 + m.table_id) % 20 < 7 then 'open'
                           when (m.user_id * 3 + m.table_id) % 20 < 16 then 'answered' else 'resolved' end as status,
                      (select min(id) from users where role = 'tutor') + m.table_id % 8 as tutor,
                      case when (m.user_id * 3 + m.table_id) % 20 >= 7
                           then now() - ((m.user_id * 11 + m.table_id) % 58 + 2) * interval '1 day'
                                + (20 + (m.user_id * 17) % 2860) * interval '1 minute' end as reply
                 from table_members m join users u on u.id = m.user_id and u.role = 'participant'
                 join tables t on t.id = m.table_id
                where (m.user_id * 7 + m.table_id) % 100 < case when t.kind = 'lab' then 25 else 5 end) x`,
    );
    // Everyday discussions and the moderators' announcements, so questions are a minority of the threads.
    await q(
      `insert into threads (table_id, focus_area, kind, title, author_id, created_at, last_activity_at)
       select t.id, case when n % 2 = 0 then 'cultura' else 'innovazione' end,
              case when t.kind = 'regional' and n <= 2 then 'announcement' else 'discussion' end,
              'Discussione ' || n || ' · ' || t.name,
              case when t.kind = 'regional' and n <= 2 then (select id from users where role = 'moderator') else a.user_id end,
              now() - ((t.id + n * 5) % 80) * interval '1 day', now() - ((t.id + n * 3) % 20) * interval '1 day'
         from tables t, generate_series(1, case when t.kind = 'lab' then 6 else 40 end) n,
              lateral (select m.user_id from table_members m where m.table_id = t.id
                        order by (m.user_id * 7 + n) % 11, m.user_id limit 1) a`,
    );
  } finally {
    await pool.end();
  }
}

async function main() {
  const { createDb, migrateToLatest, userRepo } = await import('@hubspoke/db');
  const { createSurvey, noPublisher, programmeProgress, programmeProgressCsv, systemClock } = await import(
    '@hubspoke/domain'
  );
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  const dbUrl = url.toString();
  const db = createDb(dbUrl, { max: 4 });
  try {
    await migrateToLatest(db);
    const seedStart = performance.now();
    await seed(dbUrl);
    const adminUser = await userRepo.findByEmail(db, 'amministrazione@bench.example.it');
    const moderator = await userRepo.findByEmail(db, 'moderatrice@bench.example.it');
    if (!adminUser || !moderator) throw new Error('no staff');
    const deps = { db, clock: systemClock, events: noPublisher };
    // A questionnaire per person and one per ente, for every table, open for a week.
    const opensAt = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const perPerson = await createSurvey(deps, adminUser, {
      title: 'Priorità',
      template: 'priorita',
      respondent: 'person',
      opensAt,
    });
    const perEnte = await createSurvey(deps, adminUser, {
      title: 'Profilo dell’ente',
      template: 'ente_profile',
      respondent: 'ente',
      opensAt,
    });
    const pool = new pg.Pool({ connectionString: dbUrl, max: 1 });
    const q = (text: string, values: unknown[] = []) => pool.query(text, values);
    // 60% of the participants answered theirs (one in twelve of them still a draft); half the enti theirs.
    await q(
      `insert into survey_responses (survey_id, user_id, answers, submitted_at, updated_by, updated_at)
       select $1, u.id,
              jsonb_build_object('settori', jsonb_build_array(s.k[1 + u.id % 8], s.k[1 + (u.id / 8 + 3) % 8]),
                                 'aree', '["mediterraneo_sud"]'::jsonb, 'paesi', '["TN","AL"]'::jsonb),
              case when u.id % 12 <> 0 then now() - (u.id % 6) * interval '1 day' end, u.id,
              now() - (u.id % 6) * interval '1 day'
         from users u,
              (select array['industria','innovazione_egov','ricerca_sviluppo','internazionalizzazione_impresa',
                            'cultura','formazione','politiche_sociali','trasporti'] k) s
        where u.role = 'participant' and (u.id * 13) % 100 < 60`,
      [perPerson.id],
    );
    await q(
      `insert into survey_responses (survey_id, ente_id, answers, submitted_at, updated_by, updated_at)
       select $1, e.id, jsonb_build_object('esperienza', case when e.id % 3 = 0 then 'si' else 'no' end,
                                           'strategia_formalizzata', 'no', 'esperienza_anni', e.id % 15),
              case when e.id % 10 <> 0 then now() - interval '3 days' end,
              (select min(u.id) from users u where u.ente_id = e.id), now() - interval '3 days'
         from enti e where (e.id * 7) % 100 < 50`,
      [perEnte.id],
    );
    await q('analyze');
    const { rows: counts } = await q(
      `select (select count(*) from enti)::int as enti,
              (select count(*) from users where role = 'participant')::int as people,
              (select count(*) from tables)::int as tables,
              (select count(*) from table_members)::int as memberships,
              (select count(*) from consent_records)::int as consents,
              (select count(*) from survey_responses)::int as responses,
              (select count(*) from table_sessions)::int as sessions,
              (select count(*) from session_attendance)::int as attendance,
              (select count(*) from documents)::int as documents,
              (select count(*) from threads)::int as threads,
              (select count(*) from threads where kind = 'question')::int as questions`,
    );
    await pool.end();
    const c = counts[0];
    console.log(
      `Seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s: ${c.enti} enti, ${c.people} participants, ` +
        `${c.tables} tables (${c.memberships} memberships), ${c.consents} consent records, ${c.responses} survey responses, ` +
        `${c.sessions} sessions (${c.attendance} attendances), ${c.documents} documents, ${c.threads} threads ` +
        `(${c.questions} questions)`,
    );
    console.log(
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );

    const actors = [
      { label: 'admin', user: adminUser },
      { label: 'moderator', user: moderator },
    ];
    const table: Record<string, Record<string, string | number>> = {};
    const plans: Array<{ label: string; statement: Statement }> = [];
    for (const { label, user } of actors) {
      const page = (query: Parameters<typeof programmeProgress>[2]) => () => programmeProgress(deps, user, query);
      let cursor: string | undefined;
      for (let i = 0; i < DEEP_PAGES; i++) {
        const next: string | null = (
          await programmeProgress(deps, user, { view: 'enti', limit: PAGE, ...(cursor ? { cursor } : {}) })
        ).nextCursor;
        if (!next) break;
        cursor = next;
      }
      const cases: Array<{ what: string; fn: Call; target: number }> = [
        { what: 'enti, first page', fn: page({ view: 'enti', limit: PAGE }), target: TARGET_PAGE_MS },
        {
          what: `enti, page ${DEEP_PAGES + 1}`,
          fn: page({ view: 'enti', limit: PAGE, ...(cursor ? { cursor } : {}) }),
          target: TARGET_PAGE_MS,
        },
        {
          what: 'enti, region=Puglia',
          fn: page({ view: 'enti', region: 'Puglia', limit: PAGE }),
          target: TARGET_PAGE_MS,
        },
        { what: 'tables, first page', fn: page({ view: 'tables', limit: PAGE }), target: TARGET_PAGE_MS },
        {
          what: 'tables, region=Puglia',
          fn: page({ view: 'tables', region: 'Puglia', limit: PAGE }),
          target: TARGET_PAGE_MS,
        },
        { what: 'enti, CSV', fn: () => programmeProgressCsv(deps, user, { view: 'enti' }), target: TARGET_CSV_MS },
        { what: 'tables, CSV', fn: () => programmeProgressCsv(deps, user, { view: 'tables' }), target: TARGET_CSV_MS },
      ];
      for (const { what, fn, target } of cases) {
        const { result, statements } = await recorded(fn);
        const rows =
          typeof result === 'string'
            ? result.trim().split('\r\n').length - 1
            : ((result.enti ?? result.tables ?? []) as unknown[]).length;
        const t = await timed(5, fn);
        table[`${label}: ${what}`] = {
          'median ms': Number(t.median.toFixed(1)),
          'max ms': Number(t.max.toFixed(1)),
          rows,
          statements: statements.length,
          target: `≤ ${target} ms`,
          met: t.median <= target ? 'yes' : 'NO',
        };
        if (what.endsWith('first page')) {
          const main = statements.find((s) => /^\s*with visible/.test(s.text));
          if (main) plans.push({ label: `${label}: ${what}`, statement: main });
        }
      }
    }
    console.table(table);
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}`,
    );

    console.log('\nEXPLAIN (ANALYZE, BUFFERS) of each first-page statement (one statement per page of a view,');
    console.log('plus one for the current Patto version; the CSV adds the dimensions and pages by 100):');
    for (const { label, statement } of plans) {
      for (const generic of [false, true]) {
        const plan = await explain(dbUrl, statement, generic);
        const top = plan.Plan;
        console.log(
          `\n${label} (${generic ? 'generic plan' : 'planned for its values'}): planning ${plan['Planning Time'].toFixed(1)} ms, ` +
            `execution ${plan['Execution Time'].toFixed(1)} ms, buffers hit ${top['Shared Hit Blocks'] ?? 0} ` +
            `read ${top['Shared Read Blocks'] ?? 0}`,
        );
        for (const node of heaviest(top, 4)) console.log(`  ${node.ms.toFixed(1).padStart(7)} ms  ${node.label}`);
      }
    }
  } finally {
    await db.destroy();
    if (!keep) await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
