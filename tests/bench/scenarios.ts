import autocannon, { type Request } from 'autocannon';
import { cpuSecondsOf, machineCpu } from './memory.js';
import type { Scale } from './options.js';
import { postBody, seeded } from './text.js';
import { type BenchUser, pick, spread, type World } from './world.js';

export const CONNECTIONS = 50;

export interface Run {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  /** CPU time the server process spent per successful request. */
  serverCpuMs: number;
  /** CPU time its worker spent meanwhile per successful request (work the requests left, done later, is not in it). */
  workerCpuMs: number;
  /** CPU time its PostgreSQL backends spent per successful request. */
  dbCpuMs: number;
  /** How busy the whole machine was (all processes, both cores), in %. */
  machineBusy: number;
  /** The part of it used by processes outside the bench (server, its backends, the load generator), in %. */
  othersBusy: number;
}

/** The server under load: where to send requests and which process to watch. */
export interface Target {
  url: string;
  origin: string;
  pid: number;
  /** The worker running beside it, if any. */
  workerPids?: () => number[];
  /** The PostgreSQL backends serving this server (and its worker). */
  dbPids: () => Promise<number[]>;
}

const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
const perRequest = (seconds: number, requests: number) => (requests ? Math.round((seconds * 1e5) / requests) / 100 : 0);

export interface LoadResult extends Run {
  name: string;
  runs: Run[];
  /** The first failed response, to explain a non-zero `failed`. */
  failure?: string;
  /** For writes: how long the worker took after the last request to finish their follow-ups. */
  afterwards?: { seconds: number; left: number; mails: number };
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface LoadSpec {
  name: string;
  /** One per connection (cycled); each connection signs in as its user. */
  users: BenchUser[];
  call: (user: BenchUser | undefined) => Call;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function once({ url, origin, pid, workerPids, dbPids }: Target, spec: LoadSpec, seconds: number) {
  const byCookie = new Map(spec.users.map((u) => [u.cookie, u]));
  let next = 0;
  let failure: string | undefined;
  const request: Request = {
    setupRequest: (req) => {
      const user = byCookie.get(req.headers?.cookie ?? '');
      // autocannon builds a first request before setupClient has given the connection its user.
      if (spec.users.length && !user) return req;
      const call = spec.call(user);
      return {
        ...req,
        method: call.method,
        path: call.path,
        ...(call.body === undefined
          ? {}
          : { body: JSON.stringify(call.body), headers: { ...req.headers, 'content-type': 'application/json' } }),
      };
    },
    onResponse: (status, body) => {
      if (status >= 300 && failure === undefined) failure = `${status} ${body.slice(0, 300)}`;
    },
  };
  const backends = await dbPids();
  const workers = workerPids?.() ?? [];
  const workerBefore = cpuOf(workers);
  const cpuBefore = cpuSecondsOf(pid);
  const dbBefore = cpuOf(backends);
  const benchBefore = process.cpuUsage();
  const machineBefore = machineCpu();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [request],
    setupClient: (client) => {
      const user = spec.users[next++ % Math.max(spec.users.length, 1)];
      client.setHeaders(user ? { cookie: user.cookie, origin } : {});
    },
  });
  const machine = machineCpu();
  const ok = result['2xx'];
  const bench = process.cpuUsage(benchBefore);
  const workerCpu = cpuOf(workers) - workerBefore;
  const ours =
    cpuSecondsOf(pid) - cpuBefore + workerCpu + cpuOf(backends) - dbBefore + (bench.user + bench.system) / 1e6;
  const capacity = machine.total - machineBefore.total;
  const run: Run = {
    rps: Math.round((10 * ok) / result.duration) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    serverCpuMs: perRequest(cpuSecondsOf(pid) - cpuBefore, ok),
    workerCpuMs: perRequest(workerCpu, ok),
    dbCpuMs: perRequest(cpuOf(backends) - dbBefore, ok),
    machineBusy: Math.round((100 * (machine.busy - machineBefore.busy)) / capacity),
    othersBusy: Math.max(0, Math.round((100 * (machine.busy - machineBefore.busy - ours)) / capacity)),
  };
  return { run, failure };
}

/** Warm-up, then `runs` measured runs; each figure is the median over the runs. */
export async function measure(target: Target, spec: LoadSpec, scale: Scale): Promise<LoadResult> {
  await once(target, spec, scale.warmupSeconds);
  const runs: Run[] = [];
  let failure: string | undefined;
  for (let i = 0; i < scale.runs; i++) {
    const result = await once(target, spec, scale.runSeconds);
    runs.push(result.run);
    failure ??= result.failure;
  }
  const result: LoadResult = {
    name: spec.name,
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    serverCpuMs: median(runs.map((r) => r.serverCpuMs)),
    workerCpuMs: median(runs.map((r) => r.workerCpuMs)),
    dbCpuMs: median(runs.map((r) => r.dbCpuMs)),
    machineBusy: median(runs.map((r) => r.machineBusy)),
    othersBusy: median(runs.map((r) => r.othersBusy)),
    runs,
    ...(failure ? { failure } : {}),
  };
  // Requests cut off when a run ends may still be working in PostgreSQL: let them finish.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const note = result.failed ? `  (${result.failed} failed, e.g. ${failure})` : '';
  console.log(
    `  ${spec.name}: ${result.rps} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
      `CPU/request: server ${result.serverCpuMs} ms, worker ${result.workerCpuMs} ms, db ${result.dbCpuMs} ms; machine ${result.machineBusy}% busy (other work ${result.othersBusy}%)${note}`,
  );
  return result;
}

/** Posts on the thread page, as the issue measures it. */
const PAGE = 30;
const rnd = seeded(7);
const BODIES = Array.from({ length: 200 }, () => postBody(rnd).md);

/** The load scenarios of the issue, as requests drawn at random for each connection's user. */
export function loadSpecs(world: World): LoadSpec[] {
  const users = spread(world.users, CONNECTIONS);
  const visible = (u: BenchUser) => [...new Set([...u.memberOf, ...world.openTables])];
  const threadsIn = (tables: number[]) => world.threadsByTable.get(pick(tables)) ?? [];
  const anyThread = (tables: number[]) => {
    for (let i = 0; i < 100; i++) {
      const list = threadsIn(tables);
      if (list.length) return pick(list);
    }
    throw new Error(`no threads in tables ${tables.join(', ')}`);
  };
  const user = (u: BenchUser | undefined) => {
    if (!u) throw new Error('scenario needs a signed-in user');
    return u;
  };
  let n = 0;
  return [
    {
      name: 'thread-page',
      users,
      call: (u) => {
        const thread = anyThread(visible(user(u)));
        const after = Math.floor(Math.random() * Math.max(0, thread.last - PAGE));
        return { method: 'GET', path: `/api/threads/${thread.id}?after=${after}&limit=${PAGE}` };
      },
    },
    {
      name: 'thread-list',
      users,
      call: (u) => ({ method: 'GET', path: `/api/threads?table=${pick(visible(user(u)))}` }),
    },
    { name: 'home', users, call: () => ({ method: 'GET', path: '/api/tables' }) },
    {
      name: 'search',
      users,
      call: () => ({ method: 'GET', path: `/api/search?q=${encodeURIComponent(pick(world.searchTerms))}` }),
    },
    {
      name: 'reply-spread',
      users,
      call: (u) => ({
        method: 'POST',
        path: `/api/threads/${anyThread(user(u).memberOf).id}/posts`,
        body: { body: pick(BODIES) },
      }),
    },
    {
      name: 'reply-hot',
      users: spread(world.hot.members, CONNECTIONS),
      call: () => ({ method: 'POST', path: `/api/threads/${world.hot.id}/posts`, body: { body: pick(BODIES) } }),
    },
    {
      name: 'thread-create',
      users,
      call: (u) => ({
        method: 'POST',
        path: '/api/threads',
        body: {
          tableId: pick(user(u).memberOf),
          focusArea: Math.random() < 0.5 ? 'cultura' : 'innovazione',
          kind: 'discussion',
          title: `Nuova discussione del banco di prova ${++n}`,
          body: pick(BODIES),
        },
      }),
    },
  ];
}

export const floorSpec: LoadSpec = { name: 'floor', users: [], call: () => ({ method: 'GET', path: '/floor' }) };
