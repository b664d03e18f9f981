import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

// postgres always; redis only when the forum runs on Redis ('up' or 'down' each).
const Checks = Type.Record(Type.String(), Type.String());
const Workers = Type.Optional(Type.Integer({ description: 'workers that reported a heartbeat in the last 30 s' }));

const state = (check: Promise<unknown>) =>
  withTimeout(check, 2_000).then(
    () => 'up',
    () => 'down',
  );

export interface HealthOptions {
  /** The worker this process started (`--with-worker`) is running: /readyz fails while it is not. */
  workerAlive?: () => boolean;
}

const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (app, { workerAlive }) => {
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: Type.Object({ status: Type.String() }) } } },
    async () => ({ status: 'ok' }),
  );

  /**
   * Ready when PostgreSQL (and Redis, when used) answer and, in a process that runs the worker,
   * the worker is alive; otherwise 503 naming what is down.
   */
  app.get(
    '/readyz',
    {
      schema: {
        hide: true,
        response: {
          200: Type.Object({
            status: Type.String(),
            backend: Type.String({ description: 'where jobs and live events run: redis or postgres' }),
            checks: Checks,
            workers: Workers,
          }),
          503: Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }), checks: Checks }),
        },
      },
    },
    async (_request, reply) => {
      const names = ['postgres', ...Object.keys(app.backend.checks)];
      const states = await Promise.all([
        state(sql`select 1`.execute(app.db)),
        ...Object.values(app.backend.checks).map((check) => state(check())),
      ]);
      const checks: Record<string, string> = Object.fromEntries(names.map((name, i) => [name, states[i] ?? 'down']));
      if (workerAlive) checks.worker = workerAlive() ? 'up' : 'down';
      const down = Object.entries(checks)
        .filter(([, value]) => value === 'down')
        .map(([name]) => name);
      if (down.length === 0) {
        const workers = await withTimeout(app.backend.workers.count(), 1_000).catch(() => undefined);
        return { status: 'ready', backend: app.backend.kind, checks, ...(workers !== undefined ? { workers } : {}) };
      }
      return reply.status(503).send({
        error: { code: 'not_ready', message: `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} down` },
        checks,
      });
    },
  );
};

export default healthRoutes;
