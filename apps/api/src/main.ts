import { type Config, ConfigError, loadConfig } from '@hubspoke/config';
import { createDb, ensureDatabase, migrateToLatest } from '@hubspoke/db';
import { resolveServices } from '@hubspoke/jobs';
import { buildApp } from './app.js';
import { WorkerSupervisor } from './worker-supervisor.js';

/** Creates the database when missing and applies pending migrations (unless turned off). */
async function prepareDatabase(config: Config): Promise<void> {
  if (!config.migrateOnStart) return;
  if (await ensureDatabase(config.databaseUrl)) console.log('Created the database');
  const db = createDb(config.databaseUrl, { max: 1, applicationName: 'hubspoke-migrate', namedStatements: false });
  try {
    const { results = [] } = await migrateToLatest(db);
    if (results.length) console.log(`Applied ${results.length} migration(s)`);
  } finally {
    await db.destroy();
  }
}

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const services = await resolveServices(config, console.log);
  for (const line of services.summary) console.log(line);
  config = services.config;
  const worker = process.argv.includes('--with-worker') ? new WorkerSupervisor(services.env) : undefined;
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    await prepareDatabase(config);
    app = await buildApp(config, worker ? { workerAlive: worker.alive } : {});
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await services.stop();
    throw error;
  }
  worker?.start();
  console.log(`Hub&Spoke Community is running at ${config.publicUrl} (API docs at ${config.publicUrl}/docs)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const workerStopped = worker?.stop();
    // close() stops accepting, lets in-flight requests finish, then runs onClose (pools).
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    await workerStopped;
    await services.stop();
    clearTimeout(timer);
    console.log('Stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  const { code, message, port } = error as NodeJS.ErrnoException & { port?: number };
  // The one failure a newcomer meets most: something else already listens there.
  const hint = code === 'EADDRINUSE' ? ` (port ${port} is taken; set PORT to another one)` : '';
  console.error(`Start failed: ${message}${hint}`);
  process.exit(1);
});
