import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

const Checks = Type.Object({ postgres: Type.String(), redis: Type.String() });
const Workers = Type.Optional(Type.Integer({ description: 'workers that reported a heartbeat in the last 30 s' }));

async function countWorkers(redis: { scan(...args: any[]): Promise<[string, string[]]> }, prefix: string) {
  let cursor = '0';
  let count = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:worker:*`, 'COUNT', 100);
    count += keys.length;
    cursor = next;
  } while (cursor !== '0');
  return count;
}

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: Type.Object({ status: Type.String() }) } } },
    async () => ({ status: 'ok' }),
  );

  /** Ready when both PostgreSQL and Redis answer; otherwise 503 naming what is down. */
  app.get(
    '/readyz',
    {
      schema: {
        hide: true,
        response: {
          200: Type.Object({ status: Type.String(), checks: Checks, workers: Workers }),
          503: Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }), checks: Checks }),
        },
      },
    },
    async (_request, reply) => {
      const [postgres, redis] = await Promise.all([
        withTimeout(sql`select 1`.execute(app.db), 2_000).then(
          () => 'up',
          () => 'down',
        ),
        withTimeout(app.redis.ping(), 2_000).then(
          () => 'up',
          () => 'down',
        ),
      ]);
      const checks = { postgres, redis };
      const down = Object.entries(checks)
        .filter(([, state]) => state === 'down')
        .map(([name]) => name);
      if (down.length === 0) {
        const workers = await withTimeout(countWorkers(app.redis, app.config.redisPrefix), 1_000).catch(
          () => undefined,
        );
        return { status: 'ready', checks, ...(workers !== undefined ? { workers } : {}) };
      }
      return reply.status(503).send({
        error: { code: 'not_ready', message: `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down` },
        checks,
      });
    },
  );
};

export default healthRoutes;
