import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

const Checks = Type.Object({ postgres: Type.String(), redis: Type.String() });

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
          200: Type.Object({ status: Type.String(), checks: Checks }),
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
      if (down.length === 0) return { status: 'ready', checks };
      return reply.status(503).send({
        error: { code: 'not_ready', message: `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down` },
        checks,
      });
    },
  );
};

export default healthRoutes;
