import WebSocket from 'ws';
import { rssOf } from './memory.js';
import { inParallel } from './seed.js';
import { type BenchUser, pick, type World } from './world.js';

export interface FanoutResult {
  name: string;
  sockets: number;
  threads: number;
  replies: number;
  deliveries: number;
  missing: number;
  /** Deliveries that arrived before the reply's HTTP response did (counted as 0 ms). */
  beforeResponse: number;
  p50: number;
  p99: number;
  max: number;
  connectSeconds: number;
  /** api RSS once every socket is subscribed, and after the events went out. */
  rssMb: number;
  rssAfterMb: number;
}

interface Reply {
  postId: number;
  answeredAt: number;
}

/** A websocket client that only timestamps what it receives; parsing waits until the end. */
class Listener {
  readonly received: Array<{ at: number; raw: WebSocket.RawData }> = [];
  private constructor(readonly ws: WebSocket) {}

  static open(url: string, headers: Record<string, string>): Promise<Listener> {
    const ws = new WebSocket(url, { headers });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('websocket connect timed out')), 20_000);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(new Listener(ws));
      });
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  subscribe(room: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to subscribe ${room}`)), 20_000);
      this.ws.once('message', (raw) => {
        clearTimeout(timer);
        const message = JSON.parse(raw.toString());
        if (message.type !== 'subscribed') return reject(new Error(`subscribe ${room}: ${raw.toString()}`));
        this.ws.on('message', (data) => this.received.push({ at: performance.now(), raw: data }));
        resolve();
      });
      this.ws.send(JSON.stringify({ type: 'subscribe', rooms: [room] }));
    });
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FanoutPlan {
  name: string;
  /** Thread id → who listens and who writes there. */
  rooms: Array<{ threadId: number; listeners: BenchUser[]; poster: BenchUser }>;
  repliesPerThread: number;
  /** Replies in flight at once. */
  concurrency: number;
}

async function runPlan(api: { url: string; origin: string; pid: number }, plan: FanoutPlan): Promise<FanoutResult> {
  const wsUrl = `${api.url.replace(/^http/, 'ws')}/ws`;
  const started = performance.now();
  const byThread = new Map<number, Listener[]>();
  const joins = plan.rooms.flatMap((room) =>
    room.listeners.map((user) => async () => {
      const listener = await Listener.open(wsUrl, { cookie: user.cookie, origin: api.origin });
      await listener.subscribe(`thread:${room.threadId}`);
      byThread.set(room.threadId, [...(byThread.get(room.threadId) ?? []), listener]);
    }),
  );
  const all = () => [...byThread.values()].flat();
  try {
    await inParallel(joins, 50);
    const connectSeconds = (performance.now() - started) / 1000;
    await sleep(500);
    const rssMb = rssOf(api.pid).rssMb;

    const replies = new Map<number, Reply[]>();
    const posts = plan.rooms.flatMap((room) =>
      Array.from({ length: plan.repliesPerThread }, (_, i) => async () => {
        const response = await fetch(`${api.url}/api/threads/${room.threadId}/posts`, {
          method: 'POST',
          headers: { cookie: room.poster.cookie, origin: api.origin, 'content-type': 'application/json' },
          body: JSON.stringify({ body: `Aggiornamento in diretta numero ${i + 1}: la riunione è confermata.` }),
        });
        const answeredAt = performance.now();
        if (response.status !== 201) throw new Error(`reply failed: ${response.status} ${await response.text()}`);
        const { post } = (await response.json()) as { post: { id: number } };
        replies.set(room.threadId, [...(replies.get(room.threadId) ?? []), { postId: post.id, answeredAt }]);
        if (plan.concurrency === 1) await sleep(50);
      }),
    );
    await inParallel(posts, plan.concurrency);

    // Wait (bounded) until every listener has every event of its thread.
    const expected = plan.rooms.reduce((sum, r) => sum + r.listeners.length * plan.repliesPerThread, 0);
    const deadline = performance.now() + 10_000;
    const count = () => all().reduce((sum, l) => sum + l.received.length, 0);
    while (count() < expected && performance.now() < deadline) await sleep(50);

    const latencies: number[] = [];
    let missing = 0;
    let beforeResponse = 0;
    for (const [threadId, listeners] of byThread) {
      for (const listener of listeners) {
        const seen = new Map<number, number>();
        for (const { at, raw } of listener.received) {
          const message = JSON.parse(raw.toString());
          if (message.type === 'event' && message.name === 'post.created') seen.set(message.data.id, at);
        }
        for (const reply of replies.get(threadId) ?? []) {
          const at = seen.get(reply.postId);
          if (at === undefined) missing++;
          else {
            if (at < reply.answeredAt) beforeResponse++;
            latencies.push(Math.max(0, at - reply.answeredAt));
          }
        }
      }
    }
    latencies.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    const result: FanoutResult = {
      name: plan.name,
      sockets: joins.length,
      threads: plan.rooms.length,
      replies: plan.rooms.length * plan.repliesPerThread,
      deliveries: latencies.length,
      missing,
      beforeResponse,
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
      connectSeconds: round(connectSeconds),
      rssMb,
      rssAfterMb: rssOf(api.pid).rssMb,
    };
    console.log(
      `  ${plan.name}: ${result.sockets} sockets, ${result.deliveries} deliveries, p50 ${result.p50} ms, ` +
        `p99 ${result.p99} ms, max ${result.max} ms, missing ${missing}, api RSS ${rssMb} MB`,
    );
    return result;
  } finally {
    for (const listener of all()) listener.ws.terminate();
    await sleep(1_000);
  }
}

/** 1,000 sockets on the hot thread, then 5,000 spread over 500 threads (10 each). */
export async function fanout(api: { url: string; origin: string; pid: number }, world: World): Promise<FanoutResult[]> {
  const readers = world.users;
  const cycle = (offset: number, count: number) =>
    Array.from({ length: count }, (_, i) => readers[(offset + i) % readers.length] as BenchUser);
  const hotPoster = world.hot.members[0];
  if (!hotPoster) throw new Error('the hot thread has no members to write');
  const one = await runPlan(api, {
    name: 'fanout-1000-one-thread',
    rooms: [{ threadId: world.hot.id, listeners: cycle(0, 1_000), poster: hotPoster }],
    repliesPerThread: 20,
    concurrency: 1,
  });

  const membersOf = (tableId: number) => world.users.filter((u) => u.memberOf.includes(tableId));
  const threads = world.openTables
    .flatMap((tableId) => (world.threadsByTable.get(tableId) ?? []).map((t) => ({ ...t, tableId })))
    .sort((a, b) => a.id - b.id);
  const chosen = Array.from({ length: Math.min(500, threads.length) }, (_, i) => {
    const t = threads[Math.floor((i * threads.length) / 500)] as { id: number; tableId: number };
    return { threadId: t.id, tableId: t.tableId };
  });
  const perThread = Math.ceil(5_000 / chosen.length);
  const spreadOut = await runPlan(api, {
    name: 'fanout-5000-500-threads',
    rooms: chosen.map((t, i) => ({
      threadId: t.threadId,
      listeners: cycle(i * perThread, perThread),
      poster: pick(membersOf(t.tableId)),
    })),
    repliesPerThread: 1,
    concurrency: 10,
  });
  return [one, spreadOut];
}
