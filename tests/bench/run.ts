/**
 * `npm run bench -- [--scale small|full] [--only a,b] [--keep] [--reuse]`: seeds a dedicated
 * database, starts the real api in a child process, measures, prints one table and writes
 * tests/bench/results/<date>.json. Targets are reported as met or not; a miss never fails the run.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { drainTime } from './backlog.js';
import { digest } from './digest.js';
import { type FanoutResult, fanout } from './fanout.js';
import { type GrowthPoint, measureGrowth } from './growth.js';
import { type MailSink, mailSink } from './mail-sink.js';
import { RssSampler, rssOf } from './memory.js';
import { parseOptions, SCENARIOS, type ScenarioName } from './options.js';
import { type Memory, rows, save, table } from './report.js';
import { floorSpec, type LoadResult, loadSpecs, measure } from './scenarios.js';
import { benchDatabaseUrl, databaseExists, dropDatabase, recreateDatabase, Seeder } from './seed.js';
import { type Api, build, startApi, startFloor } from './server.js';
import { loadWorld } from './world.js';

const options = parseOptions(process.argv.slice(2));
const { scale } = options;
const has = (name: string) => options.only.has(name as ScenarioName);
const REDIS_URL = 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function clearRedis(): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'bench:*', 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  console.log(`Hub&Spoke bench, scale ${scale.name}: ${JSON.stringify({ ...scale, name: undefined })}`);
  if (loadAtStart > 1)
    console.warn(`Load average is ${loadAtStart.toFixed(1)}: other work shares the CPUs, results will be noisy`);
  console.log('Building (tsc -b)…');
  const built = build();
  const { createDb, migrateToLatest } = await import('@hubspoke/db');
  const databaseUrl = benchDatabaseUrl();
  await clearRedis();

  const seeder = new Seeder(scale);
  const reuse =
    options.reuse && (await databaseExists()) && (await seeder.counts().catch(() => undefined))?.scale === scale.name;
  const growthWanted = has('growth') && !reuse;
  if (reuse) console.log('Reusing the seeded database (growth is skipped: it needs a fresh seed)');
  else {
    console.log('Creating hubspoke_bench and migrating…');
    await recreateDatabase();
    const db = createDb(databaseUrl, { max: 1, namedStatements: false });
    await migrateToLatest(db);
    await db.destroy();
    await seeder.base();
  }
  const tokenPrefix = await seeder.sessions();

  let api: Api | undefined;
  const mail = await mailSink();
  const memory: Memory = {};
  const startOnce = async () => {
    if (api) return api;
    api = await startApi({ databaseUrl, built, backend: options.backend, smtpUrl: mail.url });
    await sleep(1_000);
    memory.restMb = rssOf(api.pid).rssMb;
    console.log(`api started (${api.entry}, pid ${api.pid}), RSS at rest ${memory.restMb} MB`);
    return api;
  };
  try {
    const result = await measureAll(seeder, tokenPrefix, growthWanted, startOnce, memory, mail);
    const list = rows({ ...result, memory, ...(api ? { apiEntry: (api as Api).entry } : {}) });
    console.log(`\n${table(list)}\n`);
    const partial = options.only.size < SCENARIOS.length;
    // Runs without Redis are kept apart from the others of the same scale.
    const key = options.backend === 'postgres' ? `${scale.name}-postgres-only` : scale.name;
    const file = save(fileURLToPath(new URL('results', import.meta.url)), key, partial, {
      date: new Date().toISOString(),
      scale,
      only: [...options.only],
      backend: options.backend,
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtStart: Math.round(loadAtStart * 10) / 10,
        api: (api as Api | undefined)?.entry,
      },
      ...result,
      memory,
      table: list,
      minutes: Math.round((Date.now() - started) / 6_000) / 10,
    });
    console.log(`Wrote ${file} (${Math.round((Date.now() - started) / 1000)} s in all)`);
  } finally {
    await (api as Api | undefined)?.stop();
    await mail.close();
    await seeder.close();
    await clearRedis();
    if (!options.keep) await dropDatabase();
  }
}

async function measureAll(
  seeder: Seeder,
  tokenPrefix: string,
  growthWanted: boolean,
  startOnce: () => Promise<Api>,
  memory: Memory,
  mail: MailSink,
) {
  const growth: GrowthPoint[] = [];
  for (const stage of growthWanted ? scale.growthStages : [scale.posts]) {
    await seeder.growTo(stage);
    if (!growthWanted) continue;
    const running = await startOnce();
    const world = await loadWorld(seeder.pool, tokenPrefix);
    growth.push(...(await measureGrowth(running.url, world, stage, scale.growthSeconds, scale.runs)));
  }
  const seed = await seeder.report();
  const count = (n: number | undefined) => (n ?? 0).toLocaleString('en-US');
  console.log(`Seeded ${count(seed.rows.posts)} posts, ${seed.databaseMb} MB, ${count(seed.postsPerSecond)} posts/s`);
  const running = await startOnce();
  const world = await loadWorld(seeder.pool, tokenPrefix);
  const dbPids = (applications: string[]) => async () => {
    const { rows } = await seeder.pool.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and application_name = any($1)',
      [applications],
    );
    return rows.map((r) => r.pid);
  };

  let floor: LoadResult | undefined;
  if (has('floor')) {
    console.log('Floor…');
    const server = await startFloor(benchDatabaseUrl());
    try {
      floor = await measure(
        { ...server, origin: running.origin, dbPids: dbPids(['hubspoke-bench-floor']) },
        floorSpec,
        scale,
      );
    } finally {
      await server.stop();
    }
  }

  console.log('Scenarios…');
  const loads: LoadResult[] = [];
  const sampler = new RssSampler(running.pid).start();
  const queues = options.backend === 'redis' ? { redisUrl: REDIS_URL, prefix: 'bench' } : undefined;
  const serving = { ...running, dbPids: dbPids(['hubspoke-api', 'hubspoke-worker', 'hubspoke-listen']) };
  for (const spec of loadSpecs(world)) {
    if (!has(spec.name)) continue;
    const mailsBefore = mail.ids.length;
    const load = await measure(serving, spec, scale);
    if (spec.name.startsWith('reply') || spec.name === 'thread-create') {
      // What the writes left the worker (notifying watchers, their mail) must get done too.
      const drained = await drainTime(seeder.pool, queues);
      load.afterwards = { ...drained, mails: mail.ids.length - mailsBefore };
      console.log(
        `    worker done ${drained.seconds} s after the last request (${drained.left} left), ${load.afterwards.mails} mails`,
      );
    }
    loads.push(load);
  }
  const peak = sampler.stop();
  if (loads.length) memory.scenariosPeakMb = peak;

  let fanouts: FanoutResult[] = [];
  if (has('fanout') || has('memory')) {
    console.log('Live fan-out…');
    fanouts = await fanout(running, world);
    const rss = fanouts.find((f) => f.sockets >= 5_000)?.rssMb;
    if (rss !== undefined) memory.sockets5000Mb = rss;
  }
  memory.highWaterMb = rssOf(running.pid).hwmMb;
  const digestResult = has('digest') ? await digest(benchDatabaseUrl()) : undefined;
  return {
    seed,
    ...(floor ? { floor } : {}),
    loads,
    fanout: fanouts,
    growth,
    ...(digestResult ? { digest: digestResult } : {}),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
