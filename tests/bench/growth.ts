import http from 'node:http';
import { loadSpecs } from './scenarios.js';
import { type BenchUser, spread, type World } from './world.js';

export const GROWTH_SCENARIOS = ['thread-page', 'thread-list', 'home', 'search'] as const;
/** Requests in flight at once: few enough that latency is the work, not the queue. */
const LOOPS = 2;

export interface GrowthPoint {
  posts: number;
  scenario: string;
  requests: number;
  p50: number;
  p99: number;
}

function get(agent: http.Agent, url: URL, path: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ agent, host: url.hostname, port: url.port, path, headers: { cookie } }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    request.once('error', reject);
  });
}

/** Closed loops of GET requests for `seconds`, timed in microseconds (autocannon rounds to whole ms). */
async function latencies(base: string, next: (user: BenchUser) => string, users: BenchUser[], seconds: number) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: LOOPS });
  const samples: number[] = [];
  const end = performance.now() + seconds * 1000;
  const loop = async (user: BenchUser) => {
    while (performance.now() < end) {
      const start = performance.now();
      const status = await get(agent, url, next(user), user.cookie);
      if (status !== 200) throw new Error(`growth request failed with ${status}`);
      samples.push(performance.now() - start);
    }
  };
  try {
    await Promise.all(spread(users, LOOPS).map(loop));
  } finally {
    agent.destroy();
  }
  return samples.sort((a, b) => a - b);
}

const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const round = (ms: number) => Math.round(ms * 100) / 100;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Latency of the read scenarios at the current size of the data: median of `runs` runs. */
export async function measureGrowth(url: string, world: World, posts: number, seconds: number, runs: number) {
  const specs = loadSpecs(world);
  const points: GrowthPoint[] = [];
  for (const name of GROWTH_SCENARIOS) {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new Error(`no scenario ${name}`);
    const path = (user: BenchUser) => spec.call(user).path;
    await latencies(url, path, spec.users, 1);
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await latencies(url, path, spec.users, seconds));
    const point = {
      posts,
      scenario: name,
      requests: results.reduce((sum, r) => sum + r.length, 0),
      p50: round(median(results.map((r) => at(r, 0.5)))),
      p99: round(median(results.map((r) => at(r, 0.99)))),
    };
    console.log(`  growth @ ${posts.toLocaleString('en-US')} posts, ${name}: p50 ${point.p50} ms, p99 ${point.p99} ms`);
    points.push(point);
  }
  return points;
}
