import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD } from '../support/factories.js';
import { RedisProcess } from '../support/redis-process.js';
import type { ServerProcess } from '../support/server-process.js';
import {
  call,
  ForumDatabase,
  labWith,
  newThreadVia,
  type Person,
  ResumingClient,
  signedInPerson,
  startApi,
  startWorkerProcess,
  until,
} from './forum.js';

/** No request may take longer than this, whatever Redis is doing. */
const ANSWER_WITHIN_MS = 8_000;

const database = new ForumDatabase();
const redis = new RedisProcess();
let api: ServerProcess | undefined;
let worker: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
let live: ResumingClient | undefined;

beforeAll(async () => {
  await database.create();
  await redis.start();
});
afterAll(async () => {
  live?.stop();
  await api?.stop();
  await worker?.stop();
  await redis.stop();
  await database.drop();
});

interface Outcome {
  kind: 'write' | 'read' | 'sign-in';
  status: number;
  ms: number;
  json: any;
  redisUp: boolean;
}

describe('Redis killed while people post and read', () => {
  it('answers every write 201 or a clear 503, loses nothing, keeps reading, and recovers without a restart', async () => {
    const env = { REDIS_URL: redis.url, NOTIFY_EMAIL_DELAY_SECONDS: '0', LOGIN_MAX_PER_ACCOUNT: '10000' };
    const server = await startApi(database, env);
    api = server;
    worker = await startWorkerProcess(database, env);
    const origin = server.origin;

    const authors: Person[] = [];
    for (let i = 0; i < 3; i++) authors.push(await signedInPerson(database, origin));
    const owner = await signedInPerson(database, origin);
    const lab = await labWith(database, [owner, ...authors]);
    // The owner watches the thread they started: every reply notifies them.
    const threadId = await newThreadVia(origin, owner, lab.id);
    live = new ResumingClient(`ws://127.0.0.1:${server.port}/ws`, origin, owner, [`thread:${threadId}`]);
    await live.start();

    let redisUp = true;
    let running = true;
    const outcomes: Outcome[] = [];
    const failures: string[] = [];
    const accepted: number[] = [];
    const loop = async (kind: Outcome['kind'], person: Person, n: number) => {
      let i = 0;
      while (running) {
        const up = redisUp;
        try {
          const answer =
            kind === 'sign-in'
              ? await call(
                  origin,
                  { ...person, cookie: '' },
                  'POST',
                  '/api/auth/login',
                  { email: person.email, password: DEFAULT_PASSWORD },
                  ANSWER_WITHIN_MS,
                )
              : kind === 'write'
                ? await call(
                    origin,
                    person,
                    'POST',
                    `/api/threads/${threadId}/posts`,
                    { body: `Risposta ${n}.${++i}` },
                    ANSWER_WITHIN_MS,
                  )
                : await call(origin, person, 'GET', `/api/threads/${threadId}?limit=5`, undefined, ANSWER_WITHIN_MS);
          outcomes.push({ kind, status: answer.status, ms: answer.ms, json: answer.json, redisUp: up });
          if (kind === 'write' && answer.status === 201) accepted.push(Number(answer.json.post.id));
        } catch (error) {
          failures.push(`${kind}: ${(error as Error).message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const loops = [
      ...authors.map((author, n) => loop('write', author, n)),
      loop('read', owner, 0),
      loop('read', authors[0] as Person, 1),
      loop('sign-in', authors[2] as Person, 0),
    ];

    await until(() => accepted.length >= 6, 10_000, 'replies before the outage');
    await redis.stop();
    redisUp = false;
    const outageStarted = outcomes.length;
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const duringOutage = outcomes.slice(outageStarted);
    await redis.start();
    redisUp = true;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    running = false;
    await Promise.all(loops);

    // Bounded, and never a 500: 201, or 503 with the API's error shape.
    expect(failures).toEqual([]);
    for (const outcome of outcomes) {
      expect(outcome.ms).toBeLessThan(ANSWER_WITHIN_MS);
      if (outcome.kind === 'read') {
        expect(outcome.status, JSON.stringify(outcome.json)).toBe(200);
        continue;
      }
      expect(outcome.kind === 'write' ? [201, 503] : [200, 503], JSON.stringify(outcome.json)).toContain(
        outcome.status,
      );
      if (outcome.status === 503) {
        expect(outcome.json.error.code).toMatch(/^[a-z_]+$/);
        expect(outcome.json.error.message).toEqual(expect.any(String));
      }
    }
    // The outage was real, and people kept reading through it.
    expect(duringOutage.filter((o) => o.kind === 'read').length).toBeGreaterThan(10);
    expect(duringOutage.filter((o) => o.kind === 'write').length).toBeGreaterThan(3);
    expect(duringOutage.filter((o) => o.kind === 'sign-in').length).toBeGreaterThan(3);

    // Nothing answered 201 is lost.
    const stored = await database.db.selectFrom('posts').select('id').where('id', 'in', accepted).execute();
    expect(stored.map((row) => Number(row.id)).sort()).toEqual([...accepted].sort());

    // Recovery, without restarting anything: a new reply is accepted, notified and sent live.
    let recoveryPost = 0;
    await until(
      async () => {
        const answer = await call(origin, authors[1] as Person, 'POST', `/api/threads/${threadId}/posts`, {
          body: 'Dopo il ritorno di Redis',
        });
        if (answer.status === 201) recoveryPost = Number(answer.json.post.id);
        return answer.status === 201;
      },
      15_000,
      'a reply accepted after Redis came back',
    );
    const all = [...accepted, recoveryPost];
    const notified = async () =>
      (
        await database.db
          .selectFrom('notifications')
          .select('post_id')
          .where('user_id', '=', owner.id)
          .where('post_id', 'in', all)
          .execute()
      ).length;
    await until(async () => (await notified()) === all.length, 45_000, 'a notification for every reply');
    await until(
      () => live?.data.some((post) => Number(post?.id) === recoveryPost) ?? false,
      15_000,
      'the live event of the reply written after the outage',
    );
    expect(server.child.exitCode).toBeNull();
  });
});
