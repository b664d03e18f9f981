import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL } from '../support/context.js';
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
  until,
} from './forum.js';

const CLIENTS = 100;
const database = new ForumDatabase();
let restarted: ServerProcess | undefined;
let writer: ServerProcess | undefined;
const clients: ResumingClient[] = [];

beforeAll(async () => {
  await database.create();
});
afterAll(async () => {
  for (const client of clients) client.stop();
  await restarted?.stop();
  await writer?.stop();
  await database.drop();
});

describe('the api restarted under 100 live clients', () => {
  it('every client resumes with lastEventId and ends with exactly every event of the room, once, in order', async () => {
    const started = Date.now();
    const env = { REDIS_URL };
    // Clients listen on one api; posts go through a second, so writing goes on while the first restarts.
    let live = await startApi(database, env);
    restarted = live;
    const posting = await startApi(database, env);
    writer = posting;

    const readers: Person[] = [];
    for (let i = 0; i < 10; i++) readers.push(await signedInPerson(database, live.origin));
    const author = await signedInPerson(database, posting.origin);
    const lab = await labWith(database, [author, ...readers]);
    const threadId = await newThreadVia(posting.origin, author, lab.id);
    const room = `thread:${threadId}`;

    for (let i = 0; i < CLIENTS; i++) {
      const reader = readers[i % readers.length] as Person;
      clients.push(new ResumingClient(`ws://127.0.0.1:${live.port}/ws`, live.origin, reader, [room]));
    }
    await Promise.all(clients.map((client) => client.start()));

    let written = 0;
    const reply = async () => {
      const answer = await call(posting.origin, author, 'POST', `/api/threads/${threadId}/posts`, {
        body: `Risposta ${++written}`,
      });
      expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    };
    // A steady stream of replies from before the restart until after it.
    let writing = true;
    const stream = (async () => {
      while (writing) {
        await reply();
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    await until(() => clients.every((c) => c.ids.length >= 5), 20_000, 'live events before the restart');
    const port = live.port;
    await live.stop('SIGTERM');
    expect(live.output()).toMatch(/Stopped cleanly/);
    const whileDown = written;
    await new Promise((resolve) => setTimeout(resolve, 500));
    live = await startApi(database, env, port);
    restarted = live;
    expect(written).toBeGreaterThan(whileDown);

    await until(() => clients.every((c) => c.reconnects >= 1), 20_000, 'every client to reconnect');
    // Let live delivery on the new process run for a while before the stream ends.
    const resumedAt = written;
    await until(() => written >= resumedAt + 20, 20_000, 'replies after the restart');
    writing = false;
    await stream;

    const expected = (
      await database.db
        .selectFrom('events')
        .select('id')
        .where(sql<boolean>`${room} = any(rooms)`)
        .orderBy('id')
        .execute()
    ).map((row) => Number(row.id));
    const newest = expected.at(-1) ?? 0;
    await until(() => clients.every((c) => c.last >= newest), 20_000, 'every client to catch up');
    for (const [index, client] of clients.entries()) expect(client.ids, `client ${index}`).toEqual(expected);
    // Every reply is in the room, those written while the api was down included.
    expect(expected.length).toBeGreaterThanOrEqual(written);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
