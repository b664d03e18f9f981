import { buildApp } from '@hubspoke/api';
import { createDb } from '@hubspoke/db';
import { Redis } from 'ioredis';
import { REDIS_URL, type TestContext, testConfig } from './context.js';
import { createTestDatabase, dropTestDatabase } from './databases.js';
import { freePort } from './server-process.js';

/** A test context whose server also listens on a real port, for a real browser. */
export interface WebServer extends TestContext {
  /** The origin the browser opens; also PUBLIC_URL, so form posts pass the Origin check. */
  url: string;
}

/**
 * The whole server in-process (`buildApp`, as production builds it) on its own cloned database,
 * listening on 127.0.0.1. The port is chosen first because PUBLIC_URL must name it.
 */
export async function startWebServer(env: Record<string, string> = {}): Promise<WebServer> {
  const name = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig(name, { PUBLIC_URL: url, PORT: String(port), ...env });
  const app = await buildApp(config);
  await app.listen({ port, host: '127.0.0.1' });
  const db = createDb(config.databaseUrl, { max: 4 });
  return {
    app,
    config,
    db,
    url,
    request: ({ as, headers, ...options }) =>
      app.inject({
        ...options,
        headers: { ...(as ? { cookie: as.cookie, origin: config.publicOrigin } : {}), ...headers },
      }),
    async close() {
      await app.close();
      await db.destroy();
      await clearRedisKeys(config.redisPrefix);
      await dropTestDatabase(name);
    },
  };
}

/** Rate-limit counters and queues of this server, so a rerun starts clean. */
async function clearRedisKeys(prefix: string) {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
