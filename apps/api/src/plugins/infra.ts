import type { Config } from '@hubspoke/config';
import { createDb, type Database } from '@hubspoke/db';
import { type Clock, type Deps, SessionCache, systemClock } from '@hubspoke/domain';
import { type Backend, openBackend } from '@hubspoke/jobs';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    /** Live wake-ups, rate-limit counters, job queues: on Redis or on PostgreSQL alone. */
    backend: Backend;
    /** The dependency object every domain service takes. */
    deps: Deps;
  }
}

export interface InfraOptions {
  config: Config;
  clock?: Clock;
}

/** Connections to PostgreSQL and the job backend, opened once and closed when the server closes. */
export default fp<InfraOptions>(
  async (app, { config, clock = systemClock }) => {
    const sessions = new SessionCache();
    const db = createDb(config.databaseUrl, { applicationName: 'hubspoke-api', plugins: [sessions.writesPlugin()] });
    const backend = await openBackend(config, db, (error) => app.log.warn({ err: error }, 'job backend'));
    app.decorate('config', config);
    app.decorate('db', db);
    app.decorate('backend', backend);
    const stopSessions = await sessions.listen(config.databaseUrl, (error) =>
      app.log.warn({ err: error }, 'session cache announcements'),
    );
    app.decorate('deps', { db, config, clock, rateLimits: backend.rateLimits, events: backend.events, sessions });
    app.addHook('onClose', async () => {
      await stopSessions();
      await backend.close();
      await db.destroy();
    });
  },
  { name: 'infra' },
);
