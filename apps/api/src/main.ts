import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Config, ConfigError, loadConfig } from '@hubspoke/config';
import { createDb, ensureDatabase, migrateToLatest } from '@hubspoke/db';
import { resolveServices } from '@hubspoke/jobs';
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
 * A worker that exits is started again, after a delay that doubles up to 30 s while it keeps
 * failing quickly; the api serves on meanwhile, and /readyz says the worker is down.
 */
class WorkerSupervisor {
  private child: ChildProcess | undefined;
  private ready = false;
  private stopping = false;
  private restartDelay = 1_000;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly env: Record<string, string>) {}

  /** Alive and past its start-up (it says so over the IPC channel). */
  alive = (): boolean => this.ready && this.child?.exitCode === null && this.child.signalCode === null;

  start(): void {
    const path = fileURLToPath(new URL('../../worker/dist/main.js', import.meta.url));
    const child = fork(path, [], { env: { ...process.env, ...this.env, MIGRATE_ON_START: 'false' }, stdio: 'inherit' });
    const startedAt = Date.now();
    this.child = child;
    this.ready = false;
    console.log(`Worker started (pid ${child.pid})`);
    child.on('message', (message) => {
      if (message === 'ready') this.ready = true;
    });
    child.once('exit', (code, signal) => {
      this.ready = false;
      if (this.stopping) return;
      // A worker that ran for a while before failing starts again at once; one that keeps failing waits longer.
      if (Date.now() - startedAt > 60_000) this.restartDelay = 1_000;
      console.error(`The worker exited (${signal ?? code}); starting it again in ${this.restartDelay / 1000} s`);
      this.timer = setTimeout(() => this.start(), this.restartDelay);
      this.restartDelay = Math.min(this.restartDelay * 2, 30_000);
    });
  }

  /** Stops the worker (SIGTERM lets it finish the jobs in hand) and waits for it to exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
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
