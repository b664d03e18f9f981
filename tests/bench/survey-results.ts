/**
 * `node --import tsx tests/bench/survey-results.ts [--responses 10000]`: the results of one
 * survey (the `priorita` template, answered per person) over many submitted responses, through
 * the domain's own functions: the JSON results (overall, by table, by region, Altro texts, the
 * response rate), both CSV exports, and one more answer saved meanwhile. Seeds its own database
 * (`hubspoke_bench_surveys`, dropped afterwards unless `--keep`) with set-based SQL. Prints the
 * median of five runs of each; a number to watch, never a failure.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'hubspoke_bench_surveys';
const args = process.argv.slice(2);
const responses = Number(args[args.indexOf('--responses') + 1] ?? 0) || 10_000;
const keep = args.includes('--keep');

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
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return { median: median(times), max: Math.max(...times) };
}

async function main() {
  const { createDb, migrateToLatest, userRepo } = await import('@hubspoke/db');
  const {
    createSurvey,
    noPublisher,
    saveSurveyResponse,
    surveyAnswersCsv,
    surveyCountsCsv,
    surveyResults,
    systemClock,
  } = await import('@hubspoke/domain');
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  const db = createDb(url.toString(), { max: 4 });
  try {
    await migrateToLatest(db);
    const seedStart = performance.now();
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    const q = (text: string, values: unknown[] = []) => pool.query(text, values);
    const people = responses + Math.ceil(responses / 10);
    await q(`insert into enti (name, kind, region)
      select 'Ente bench ' || g, 'comune',
        (array['Puglia','Sicilia','Campania','Calabria','Basilicata','Sardegna','Lazio','Molise','Abruzzo','Marche'])[1 + g % 10]
      from generate_series(1, 200) g`);
    await q(
      `insert into users (email, handle, display_name, role, ente_id, password_hash)
      select 'utente' || g || '@bench.example.it', 'utente' || g, 'Utente ' || g,
        case when g = 1 then 'admin' else 'participant' end,
        (select min(id) from enti) + g % 200, 'bench'
      from generate_series(1, $1::int) g`,
      [people],
    );
    await q(`insert into tables (name, kind, visibility)
      select 'Tavolo bench ' || g, 'regional', 'members' from generate_series(1, 40) g`);
    await q(`insert into table_members (table_id, user_id)
      select t.id, u.id from users u
        join tables t on t.id = (select min(id) from tables) + u.id % 40
         or (u.id % 7 = 0 and t.id = (select min(id) from tables) + (u.id / 7) % 40)`);
    const adminUser = await userRepo.findByEmail(db, 'utente1@bench.example.it');
    if (!adminUser) throw new Error('no admin');
    const deps = { db, clock: systemClock, events: noPublisher };
    const survey = await createSurvey(deps, adminUser, {
      title: 'Priorità (bench)',
      template: 'priorita',
      respondent: 'person',
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    await q(
      `insert into survey_responses (survey_id, user_id, answers, submitted_at, updated_by, updated_at)
       select $1, u.id,
         jsonb_build_object(
           'settori', jsonb_build_array(s.k[1 + u.id % 8], s.k[1 + (u.id / 8 + 3) % 8])
              || case when u.id % 20 = 0 then jsonb_build_array(jsonb_build_object('option', 'altro', 'text', 'Turismo ' || u.id)) else '[]' end,
           'aree', case when u.id % 3 = 0 then '["mediterraneo_sud","balcani_occidentali"]'::jsonb
                        when u.id % 3 = 1 then '["mediterraneo_sud"]'::jsonb else '["balcani_occidentali"]'::jsonb end,
           'paesi', jsonb_build_array(c.k[1 + u.id % 17], c.k[1 + (u.id / 17 + 5) % 17])),
         case when u.id % 11 = 0 then null else now() end, u.id, now()
       from users u,
         (select array['industria','innovazione_egov','ricerca_sviluppo','internazionalizzazione_impresa','cultura','formazione','politiche_sociali','trasporti'] k) s,
         (select array['MA','DZ','TN','LY','EG','PS','IL','JO','LB','SY','AL','BA','HR','XK','MK','ME','RS'] k) c
       where u.role = 'participant'
       order by u.id limit $2`,
      [survey.id, Math.round(responses * 1.1)],
    );
    await q(
      `insert into survey_answer_items (response_id, survey_id, question_key, option_key, other_text, number_value)
       select distinct on (r.id, q.key, coalesce(e ->> 'option', e #>> '{}'))
         r.id, r.survey_id, q.key, coalesce(e ->> 'option', e #>> '{}'),
         case when jsonb_typeof(e) = 'object' then e ->> 'text' end, null::float8
       from survey_responses r, jsonb_each(r.answers) q(key, v), jsonb_array_elements(q.v) e
       where r.survey_id = $1`,
      [survey.id],
    );
    await q('analyze');
    const { rows } = await q(
      `select count(*) filter (where submitted_at is not null)::int as submitted, count(*)::int as all,
              (select count(*)::int from survey_answer_items where survey_id = $1) as items
         from survey_responses where survey_id = $1`,
      [survey.id],
    );
    await pool.end();
    console.log(
      `Seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s: ${rows[0].submitted} submitted responses ` +
        `(${rows[0].all} with drafts), ${rows[0].items} answer items, ${people} people in 40 tables and 200 enti`,
    );

    await surveyResults(deps, adminUser, survey.id); // warm-up
    const results = await timed(5, () => surveyResults(deps, adminUser, survey.id));
    const counts = await timed(5, () => surveyCountsCsv(deps, adminUser, survey.id, 'it'));
    const answers = await timed(3, () => surveyAnswersCsv(deps, adminUser, survey.id, 'it'));
    const someone = await userRepo.findByEmail(db, 'utente11@bench.example.it');
    if (!someone) throw new Error('no participant');
    let n = 0;
    const save = await timed(20, () =>
      saveSurveyResponse(deps, someone, survey.id, {
        answers: { settori: [n++ % 2 ? 'cultura' : 'trasporti'], aree: ['mediterraneo_sud'], paesi: ['TN'] },
        submit: true,
      }),
    );
    const r = await surveyResults(deps, adminUser, survey.id);
    const mb = process.memoryUsage().rss / 1e6;
    console.table({
      'results (JSON)': { 'median ms': results.median.toFixed(1), 'max ms': results.max.toFixed(1) },
      'counts CSV': { 'median ms': counts.median.toFixed(1), 'max ms': counts.max.toFixed(1) },
      'answers CSV': { 'median ms': answers.median.toFixed(1), 'max ms': answers.max.toFixed(1) },
      'save one answer': { 'median ms': save.median.toFixed(1), 'max ms': save.max.toFixed(1) },
    });
    console.log(
      `response rate ${r.responseRate.answered}/${r.responseRate.expected}; ` +
        `cultura ${r.questions[0]?.options.find((o) => o.key === 'cultura')?.count}; RSS ${mb.toFixed(0)} MB`,
    );
  } finally {
    await db.destroy();
    if (!keep) await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
