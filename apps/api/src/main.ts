import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Config, ConfigError, loadConfig } from '@hubspoke/config';
import { createDb, ensureDatabase, migrateToLatest } from '@hubspoke/db';
import { resolveServices, type Services } from '@hubspoke/jobs';
import { buildApp } from './app.js';

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

/**
 * `npm start` runs the worker beside the api as a child process: they share nothing but
 * PostgreSQL (and Redis when there is one), exactly as when they run on separate machines.
 */
function startWorker(services: Services) {
  const path = fileURLToPath(new URL('../../worker/dist/main.js', import.meta.url));
  return fork(path, [], { env: { ...process.env, ...services.env, MIGRATE_ON_START: 'false' }, stdio: 'inherit' });
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
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    await prepareDatabase(config);
    app = await buildApp(config);
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await services.stop();
    throw error;
  }
  const worker = process.argv.includes('--with-worker') ? startWorker(services) : undefined;
  console.log(`Hub&Spoke Community is running at ${config.publicUrl} (API docs at ${config.publicUrl}/docs)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    worker?.kill('SIGTERM');
    // close() stops accepting, lets in-flight requests finish, then runs onClose (pools).
    const timer = setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    // A worker killed by the signal itself has a signalCode and no exitCode: it is gone too.
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      await new Promise((resolve) => worker.once('exit', resolve));
    }
    await services.stop();
    clearTimeout(timer);
    console.log('Stopped cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  worker?.on('exit', (code) => {
    if (!stopping) {
      console.error(`The worker exited (${code}); stopping`);
      void stop('worker-exit');
    }
  });
}

main().catch((error) => {
  const { code, message, port } = error as NodeJS.ErrnoException & { port?: number };
  // The one failure a newcomer meets most: something else already listens there.
  const hint = code === 'EADDRINUSE' ? ` (port ${port} is taken; set PORT to another one)` : '';
  console.error(`Start failed: ${message}${hint}`);
  process.exit(1);
});
