import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Scale } from './options.js';
import { postBody, searchTerms, seeded, threadTitle } from './text.js';

export const BENCH_DB = 'hubspoke_bench';
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Each user is a member of this many tables (evenly spread). */
const MEMBERSHIPS = 4;
const READERS_PER_THREAD = 10;
const BATCH_POSTS = 25_000;

export function benchDatabaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${BENCH_DB}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(): Promise<boolean> {
  return admin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [BENCH_DB])).rowCount === 1);
}

export async function recreateDatabase(): Promise<void> {
  await dropDatabase();
  await admin((c) => c.query(`create database ${BENCH_DB}`));
}

export async function dropDatabase(): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${BENCH_DB} with (force)`));
}

export interface SeedReport {
  rows: Record<string, number>;
  seconds: number;
  postsPerSecond: number;
  databaseMb: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Writes a realistic forum straight into PostgreSQL: set-based SQL, a few statements per 25k posts. */
export class Seeder {
  readonly pool: pg.Pool;
  private seconds = 0;
  private postsWritten = 0;
  private postSeconds = 0;

  constructor(private readonly scale: Scale) {
    // Seeding only: a crash just means seeding again, so commits need not wait for the disk.
    this.pool = new pg.Pool({ connectionString: benchDatabaseUrl(), max: 2, options: '-c synchronous_commit=off' });
    // The database is dropped and created under this pool: an idle connection may die.
    this.pool.on('error', () => {});
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await fn();
    const seconds = (performance.now() - start) / 1000;
    this.seconds += seconds;
    console.log(`  seed: ${label} (${seconds.toFixed(1)} s)`);
    return result;
  }

  /** Who may be chosen as the author or reader of a thread in a table: a member, drawn by `seed`. */
  private member(tableId: string, seed: string): string {
    const { users: u, tables: t } = this.scale;
    const k = Math.floor(t / MEMBERSHIPS);
    const s = `abs(${seed})`;
    const r = `(((((${tableId}) - 1 - (${s} % ${MEMBERSHIPS}) * ${k}) % ${t}) + ${t}) % ${t})`;
    return `(${r} + ${t} * ((${s} / ${MEMBERSHIPS}) % ((${u} - 1 - ${r}) / ${t} + 1)) + 1)`;
  }

  /** Users, enti, tables, memberships, subscriptions and the pool of post bodies. */
  async base(): Promise<void> {
    const { users, tables, bodies } = this.scale;
    const k = Math.floor(tables / MEMBERSHIPS);
    await this.timed(`${fmt(users)} users, ${tables} tables, memberships, subscriptions`, async () => {
      await this.pool.query(`
        create table bench_meta (scale text not null, posts int not null, threads int not null, terms text[] not null);
        create table bench_bodies (id int primary key, body text not null, html text not null, vector tsvector not null);
        insert into enti (name, kind, region)
          select 'Ente bench ' || g, (array['comune','provincia','regione'])[1 + g % 3], 'Puglia' from generate_series(1, 100) g;
        insert into users (email, handle, display_name, role, ente_id, password_hash, created_at, last_seen_at, previous_visit_at)
          select 'utente' || g || '@bench.example.it', 'utente' || g,
            (array['Anna','Marco','Giulia','Luca','Sara','Paolo','Elena','Davide','Chiara','Nicola'])[1 + g % 10] || ' ' ||
            (array['Rossi','Esposito','Bianchi','Romano','Greco','Conti','Marino','Ferri','Gallo','Costa'])[1 + (g / 10) % 10],
            case when g % 50 = 0 then 'moderator' when g % 50 = 25 then 'tutor' else 'participant' end,
            1 + g % 100, 'bench: sign-in by session row only', now() - interval '3 years', now(), now() - interval '1 day'
          from generate_series(1, ${users}) g;
        insert into tables (name, kind, visibility)
          select 'Tavolo bench ' || g,
            case when g % 3 = 0 then 'regional' when g % 6 = 1 then 'interregional' else 'lab' end,
            case when g % 3 = 0 or g % 6 = 1 then 'participants' else 'members' end
          from generate_series(1, ${tables}) g;
        insert into table_members (table_id, user_id)
          select ((u - 1 + j * ${k}) % ${tables}) + 1, u from generate_series(1, ${users}) u, generate_series(0, ${MEMBERSHIPS - 1}) j;
        insert into table_subscriptions (user_id, table_id, level) select u, ((u - 1) % ${tables}) + 1, 'watching'
          from generate_series(1, ${users}) u;
        insert into focus_area_subscriptions (user_id, focus_area, level) select u, 'cultura', 'watching'
          from generate_series(5, ${users}, 5) u;`);
    });
    const terms = await this.timed(`${fmt(bodies)} distinct post bodies with search vectors`, async () => {
      const rnd = seeded(42);
      const chunks: Array<() => Promise<unknown>> = [];
      const texts: string[] = [];
      for (let from = 1; from <= bodies; from += 1_000) {
        const ids: number[] = [];
        const md: string[] = [];
        const html: string[] = [];
        const text: string[] = [];
        for (let id = from; id < from + 1_000 && id <= bodies; id++) {
          const body = postBody(rnd);
          ids.push(id);
          md.push(body.md);
          html.push(body.html);
          text.push(body.text);
          texts.push(body.text);
        }
        chunks.push(() =>
          this.pool.query(
            `insert into bench_bodies select id, md, html, to_tsvector('hubspoke_italian', txt) || to_tsvector('hubspoke_english', txt)
             from unnest($1::int[], $2::text[], $3::text[], $4::text[]) as b(id, md, html, txt)`,
            [ids, md, html, text],
          ),
        );
      }
      await inParallel(chunks, 2);
      return searchTerms(texts);
    });
    await this.pool.query('insert into bench_meta values ($1, 0, 0, $2)', [this.scale.name, terms]);
  }

  async counts(): Promise<{ scale: string; posts: number; threads: number }> {
    const { rows } = await this.pool.query('select scale, posts, threads from bench_meta');
    return { scale: rows[0]?.scale ?? '', posts: rows[0]?.posts ?? 0, threads: rows[0]?.threads ?? 0 };
  }

  /** Adds threads and posts (with participants, likes, read marks and watches) up to `posts` posts. */
  async growTo(posts: number): Promise<void> {
    const current = await this.counts();
    if (posts <= current.posts) return;
    const { scale } = this;
    const threads = Math.max(current.threads + 1, Math.round((scale.threads * posts) / scale.posts));
    const plan = planThreads(scale, current.threads, threads, posts - current.posts);
    const firstId = await this.timed(`${fmt(plan.counts.length)} threads`, () => this.insertThreads(plan));
    const lastId = firstId + plan.counts.length - 1;

    const batches: Array<[number, number]> = [];
    let from = firstId;
    let sum = 0;
    plan.counts.forEach((count, i) => {
      sum += count;
      if (sum >= BATCH_POSTS || i === plan.counts.length - 1) {
        batches.push([from, firstId + i]);
        from = firstId + i + 1;
        sum = 0;
      }
    });
    const total = posts - current.posts;
    let done = 0;
    const start = performance.now();
    await inParallel(
      batches.map(([a, b]) => async () => {
        done += await this.insertPosts(a, b);
        const rate = done / ((performance.now() - start) / 1000);
        console.log(`  seed: posts ${fmt(current.posts + done)} / ${fmt(posts)} (${fmt(rate)} posts/s)`);
      }),
      2,
    );
    const seconds = (performance.now() - start) / 1000;
    this.seconds += seconds;
    this.postSeconds += seconds;
    this.postsWritten += total;
    await this.timed(`read marks and watches for threads ${firstId}–${lastId}`, () =>
      this.insertReading(firstId, lastId),
    );
    await this.pool.query('update bench_meta set posts = $1, threads = $2', [posts, threads]);
    // Vacuum now, so autovacuum does not wake up in the middle of a measurement.
    await this.timed('vacuum analyze', () => this.pool.query('vacuum analyze'));
  }

  private async insertThreads(plan: ThreadPlan): Promise<number> {
    const { rows } = await this.pool.query(
      `insert into threads (table_id, focus_area, dimension, kind, title, author_id, last_post_number, post_count,
          last_activity_at, created_at)
       select c.table_id, c.focus, c.dimension, c.kind, c.title, ${this.member('c.table_id', 'c.seed::bigint * 7919')},
         c.n, c.n, c.created + (c.n - 1) * c.gap * interval '1 second', c.created
       from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::timestamptz[], $8::int[], $9::int[])
         with ordinality as c(table_id, focus, dimension, kind, title, n, created, gap, seed, ord)
       order by c.ord
       returning id`,
      [
        plan.tables,
        plan.focus,
        plan.dimension,
        plan.kind,
        plan.titles,
        plan.counts,
        plan.created,
        plan.gaps,
        plan.seeds,
      ],
    );
    return Math.min(...rows.map((r) => Number(r.id)));
  }

  private async insertPosts(from: number, to: number): Promise<number> {
    const { bodies } = this.scale;
    const inserted = await this.pool.query(
      `insert into posts (thread_id, number, author_id, body, body_html, like_count, created_at, search_vector)
       select t.id, n, case when n = 1 then t.author_id else ${this.member('t.table_id', 't.id * 7919 + ((n * 7) % (3 + t.id % 15)) * 104729')} end,
         b.body, b.html, case when (t.id * 31 + n) % 40 = 0 then 1 else 0 end,
         t.created_at + (n - 1) * ((t.last_activity_at - t.created_at) / greatest(t.post_count - 1, 1)),
         case when n = 1 then setweight(to_tsvector('hubspoke_italian', t.title) || to_tsvector('hubspoke_english', t.title), 'A') || b.vector
           else b.vector end
       from threads t
       cross join lateral generate_series(1, t.post_count) n
       join bench_bodies b on b.id = 1 + (t.id * 2654435761 + n * 40503) % ${bodies}
       where t.id between $1 and $2
       -- In time order, as a live forum writes them: a thread's posts end up on many heap pages.
       order by 7`,
      [from, to],
    );
    await this.pool.query(
      `insert into thread_participants (thread_id, user_id, post_count)
         select thread_id, author_id, count(*) from posts where thread_id between ${from} and ${to} group by 1, 2;
       update threads t set participant_count = p.c,
           last_poster_id = case when t.post_count = 1 then t.author_id
             else ${this.member('t.table_id', 't.id * 7919 + ((t.post_count * 7) % (3 + t.id % 15)) * 104729')} end
         from (select thread_id, count(*) c from thread_participants where thread_id between ${from} and ${to} group by 1) p
         where t.id = p.thread_id;
       insert into post_reactions (post_id, user_id, kind)
         select p.id, ${this.member('t.table_id', 'p.id')}, 'like' from posts p join threads t on t.id = p.thread_id
         where p.thread_id between ${from} and ${to} and p.like_count = 1 on conflict do nothing;`,
    );
    return inserted.rowCount ?? 0;
  }

  private async insertReading(from: number, to: number): Promise<void> {
    const reader = this.member('t.table_id', 't.id * 31 + r * 7');
    await this.pool.query(
      `insert into thread_reads (user_id, thread_id, last_read_post_number, updated_at)
         select ${reader}, t.id, greatest(1, t.post_count * (r + 1) / ${READERS_PER_THREAD}), t.last_activity_at
         from threads t, generate_series(0, ${READERS_PER_THREAD - 1}) r where t.id between ${from} and ${to}
         on conflict do nothing;
       insert into thread_subscriptions (user_id, thread_id, level)
         select t.author_id, t.id, 'watching' from threads t where t.id between ${from} and ${to}
         union all
         select ${reader}, t.id, case when r = 0 then 'muted' else 'watching' end
           from threads t, generate_series(0, 2) r where t.id between ${from} and ${to}
         on conflict do nothing;`,
    );
  }

  /** A session row per user with a token the bench knows: the cookie is `hs_session=<prefix><user id>`. */
  async sessions(): Promise<string> {
    const prefix = `bench${randomBytes(6).toString('hex')}u`;
    await this.pool.query(
      `delete from sessions;
       insert into sessions (id, user_id, expires_at)
         select encode(sha256(convert_to('${prefix}' || id, 'UTF8')), 'hex'), id, now() + interval '30 days' from users`,
    );
    return prefix;
  }

  async report(): Promise<SeedReport> {
    const tables = ['users', 'tables', 'table_members', 'threads', 'posts', 'thread_reads', 'thread_subscriptions'];
    const counts = await this.pool.query(
      tables.map((t) => `select '${t}' as name, count(*)::int as n from ${t}`).join(' union all '),
    );
    const size = await this.pool.query('select pg_database_size(current_database()) as bytes');
    return {
      rows: Object.fromEntries(counts.rows.map((r) => [r.name, r.n])),
      seconds: Math.round(this.seconds),
      postsPerSecond: this.postSeconds > 0 ? Math.round(this.postsWritten / this.postSeconds) : 0,
      databaseMb: Math.round(Number(size.rows[0].bytes) / 1_048_576),
    };
  }
}

interface ThreadPlan {
  tables: number[];
  focus: string[];
  dimension: Array<string | null>;
  kind: string[];
  titles: string[];
  counts: number[];
  created: Date[];
  gaps: number[];
  seeds: number[];
}

const TWO_YEARS_MS = 2 * 365 * 86_400_000;

/**
 * Threads `from`..`to` of the full timeline (two years up to now), busy tables first, with
 * log-normal post counts (median ~30, a few with 1,000+) adding up to exactly `posts`.
 */
function planThreads(scale: Scale, from: number, to: number, posts: number): ThreadPlan {
  const rnd = seeded(1000 + from);
  const n = to - from;
  const raw = Array.from({ length: n }, () => {
    const normal = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    return Math.exp(normal * 1.1);
  });
  const factor = (posts - n) / raw.reduce((a, b) => a + b, 0);
  const counts = raw.map((r) => 1 + Math.floor(r * factor));
  let missing = posts - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % n, missing--) counts[i] = (counts[i] as number) + 1;

  const now = Date.now();
  const start = now - TWO_YEARS_MS;
  const spacing = TWO_YEARS_MS / scale.threads;
  const plan: ThreadPlan = {
    tables: [],
    focus: [],
    dimension: [],
    kind: [],
    titles: [],
    counts,
    created: [],
    gaps: [],
    seeds: [],
  };
  for (let i = 0; i < n; i++) {
    const global = from + i;
    const created = start + global * spacing;
    const count = counts[i] as number;
    const gap = Math.min(300 + (global % 120) * 60, Math.floor((now - created) / 1000 / Math.max(count, 1)));
    plan.tables.push(1 + Math.floor(scale.tables * rnd() ** 1.6));
    plan.focus.push(rnd() < 0.5 ? 'cultura' : 'innovazione');
    const d = rnd();
    plan.dimension.push(d < 0.25 ? 'strategia' : d < 0.5 ? 'competenze' : d < 0.7 ? 'capacita_istituzionale' : null);
    const k = rnd();
    plan.kind.push(k < 0.8 ? 'discussion' : k < 0.95 ? 'question' : 'announcement');
    plan.titles.push(threadTitle(rnd, global + 1));
    plan.created.push(new Date(created));
    plan.gaps.push(Math.max(gap, 1));
    plan.seeds.push(global + 1);
  }
  return plan;
}

/** Runs tasks with at most `width` at a time (one per PostgreSQL connection). */
export async function inParallel(tasks: Array<() => Promise<unknown>>, width: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++] as () => Promise<unknown>;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
}
