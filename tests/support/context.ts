import { type BuildOptions, buildApp } from '@hubspoke/api';
import { type Config, loadConfig } from '@hubspoke/config';
import { createDb, type Database } from '@hubspoke/db';
import { changesAccess } from '@hubspoke/domain';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import type { KyselyPlugin } from 'kysely';
import { createTestDatabase, databaseUrl, dropTestDatabase } from './databases.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The `postgres-only` test project runs the same files with no Redis at all. */
export const POSTGRES_ONLY = process.env.TEST_BACKEND === 'postgres';

export interface TestContext {
  app: FastifyInstance;
  config: Config;
  /** Direct access for assertions and factories. */
  db: Database;
  request(options: InjectOptions & { as?: Session }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** What a signed-in browser carries. */
export interface Session {
  cookie: string;
}

export function testConfig(databaseName: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(databaseName),
    REDIS_URL: POSTGRES_ONLY ? 'none' : REDIS_URL,
    REDIS_PREFIX: `test:${databaseName}`,
    PUBLIC_URL: 'http://forum.test',
    ...overrides,
  });
}

/** A server on its own database (cloned from the template) and its own Redis key prefix. */
export async function createTestContext(
  env: Record<string, string> = {},
  options: BuildOptions = {},
): Promise<TestContext> {
  const name = await createTestDatabase();
  const config = testConfig(name, env);
  const app = await buildApp(config, options);
  await app.ready();
  const db = createDb(config.databaseUrl, { max: 4, plugins: [heardByApp(app)] });
  return {
    app,
    config,
    db,
    request: ({ as, headers, ...options }) =>
      app.inject({
        ...options,
        headers: {
          ...(as ? { cookie: as.cookie, origin: config.publicOrigin } : {}),
          ...headers,
        },
      }),
    async close() {
      await app.close();
      await db.destroy();
      await clearRedisPrefix(config.redisPrefix);
      await dropTestDatabase(name);
    },
  };
}

/**
 * The test's own pool writes as another process would: the api hears of a change to a person or
 * a session a few milliseconds after its commit (its session cache). A test that writes directly
 * and asks the api at once waits for that here, as a person clicking would without noticing.
 */
function heardByApp(app: FastifyInstance): KyselyPlugin {
  const generations = new WeakMap<object, number>();
  const generation = () => app.deps.sessions?.currentGeneration ?? 0;
  return {
    transformQuery({ node, queryId }) {
      if (changesAccess(node)) generations.set(queryId, generation());
      return node;
    },
    async transformResult({ queryId, result }) {
      const before = generations.get(queryId);
      // Inside a transaction nothing is heard before the commit: the wait then just runs out.
      const deadline = Date.now() + 1_000;
      while (before !== undefined && generation() === before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return result;
    },
  };
}

async function clearRedisPrefix(prefix: string) {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
