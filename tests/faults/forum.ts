import { spawn } from 'node:child_process';
import { createDb, type Database } from '@hubspoke/db';
import WebSocket from 'ws';
import type { TestContext } from '../support/context.js';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/databases.js';
import { newTable, newUser } from '../support/factories.js';
import { freePort, ROOT, type ServerProcess, startServer } from '../support/server-process.js';

/** A database of the test's own, for real api and worker processes started from the build. */
export class ForumDatabase {
  name = '';
  db!: Database;
  url = '';

  async create(): Promise<void> {
    this.name = await createTestDatabase();
    this.url = databaseUrl(this.name);
    this.db = createDb(this.url, { max: 4 });
  }

  /** The factories need only a database to create users and tables. */
  get ctx(): TestContext {
    return { db: this.db } as TestContext;
  }

  async drop(): Promise<void> {
    await this.db?.destroy();
    if (this.name) await dropTestDatabase(this.name);
  }
}

/** The environment of a built api or worker on this database (already migrated: a template clone). */
export function processEnv(database: ForumDatabase, env: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_PREFIX: `test:${database.name}`,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    POST_MAX_PER_WINDOW: '100000',
    LOGIN_MAX_PER_IP: '10000',
    ...env,
  };
}

/** `node apps/api/dist/main.js` on `port` (a free one unless given). */
export async function startApi(
  database: ForumDatabase,
  env: Record<string, string>,
  port?: number,
): Promise<ServerProcess & { origin: string; port: number }> {
  const listen = port ?? (await freePort());
  const origin = `http://127.0.0.1:${listen}`;
  const server = await startServer(
    'node',
    ['apps/api/dist/main.js'],
    processEnv(database, { PORT: String(listen), PUBLIC_URL: origin, ...env }),
  );
  return Object.assign(server, { origin, port: listen });
}

/** `node apps/worker/dist/main.js`, once it says it is ready. */
export async function startWorkerProcess(database: ForumDatabase, env: Record<string, string>) {
  const child = spawn('node', ['apps/worker/dist/main.js'], {
    cwd: ROOT,
    env: { ...process.env, ...processEnv(database, env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await until(() => /Worker ready/.test(output) || child.exitCode !== null, 30_000, `the worker:\n${output}`);
  if (child.exitCode !== null) throw new Error(`the worker exited:\n${output}`);
  return {
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Person {
  id: number;
  email: string;
  cookie: string;
}

/** A user signed in through the real login route of `api`. */
export async function signedInPerson(database: ForumDatabase, origin: string): Promise<Person> {
  const user = await newUser(database.ctx);
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('hs_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return { id: user.id, email: user.email, cookie };
}

export async function labWith(database: ForumDatabase, people: Array<{ id: number }>) {
  return newTable(database.ctx, { kind: 'lab', members: people });
}

/** A cookie-authenticated JSON call from the forum's own pages, answered within `timeoutMs`. */
export async function call(
  origin: string,
  as: Person,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<{ status: number; json: any; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: {
      ...(as.cookie ? { cookie: as.cookie } : {}),
      origin,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json, ms: Date.now() - started };
}

export async function newThreadVia(origin: string, as: Person, tableId: number): Promise<number> {
  const answer = await call(origin, as, 'POST', '/api/threads', {
    tableId,
    focusArea: 'cultura',
    kind: 'discussion',
    title: `Discussione ${Date.now().toString(36)}`,
    body: 'Primo messaggio della discussione.',
  });
  if (answer.status !== 201) throw new Error(`thread creation failed: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json.thread.id as number;
}

/** Polls `check` until it returns true or the deadline passes. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A live client as the protocol documents it: subscribes with the last event id it has seen and,
 * whenever the connection drops, reconnects (with a short backoff) and subscribes again from there.
 */
export class ResumingClient {
  readonly ids: number[] = [];
  readonly names: string[] = [];
  readonly data: any[] = [];
  reconnects = 0;
  private socket: WebSocket | undefined;
  private stopped = false;
  subscribed = false;

  constructor(
    private readonly url: string,
    private readonly origin: string,
    private readonly person: Person,
    private readonly rooms: string[],
    private lastEventId = 0,
  ) {}

  get last(): number {
    return this.lastEventId;
  }

  /** Resolves once the first subscription is confirmed. */
  async start(): Promise<void> {
    this.connect();
    await until(() => this.subscribed, 20_000, 'the first subscription');
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = new WebSocket(this.url, { headers: { cookie: this.person.cookie, origin: this.origin } });
    this.socket = socket;
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'subscribe', rooms: this.rooms, lastEventId: this.lastEventId }));
    });
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString());
      if (message.type === 'subscribed') this.subscribed = true;
      if (message.type !== 'event') return;
      this.ids.push(message.id);
      this.names.push(message.name);
      this.data.push(message.data);
      this.lastEventId = Math.max(this.lastEventId, message.id);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.stopped) return;
      this.reconnects++;
      setTimeout(() => this.connect(), 100 + Math.random() * 200);
    });
  }

  stop(): void {
    this.stopped = true;
    this.socket?.terminate();
  }
}
