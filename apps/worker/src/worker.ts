import { hostname } from 'node:os';
import type { Config } from '@hubspoke/config';
import { createDb } from '@hubspoke/db';
import { type Clock, systemClock } from '@hubspoke/domain';
import { defaultJobOptions, type JobName, type JobQueue, openBackend } from '@hubspoke/jobs';
import { createMailer, type Mailer } from '@hubspoke/mail';
import { UnrecoverableError } from 'bullmq';
import { handlers } from './handlers/index.js';
import { buildRegistry, type WorkerDeps } from './registry.js';
import { OutboxRelay } from './relay.js';

/** Recurring work, upserted on every boot so the schedule always matches this code. */
const SCHEDULES: Array<{ name: JobName; every: number }> = [
  { name: 'sessions.cleanup', every: 60 * 60 * 1000 },
  { name: 'events.cleanup', every: 24 * 60 * 60 * 1000 },
  { name: 'digests.plan', every: 15 * 60 * 1000 },
];

export interface RunningWorker {
  queue: JobQueue;
  close(): Promise<void>;
}

export interface WorkerOptions {
  clock?: Clock;
  log?: (msg: string) => void;
  /** Tests send through their own SMTP server; otherwise built from config. */
  mailer?: Mailer;
  concurrency?: number;
  /** Tests that drive jobs themselves leave the recurring schedules out. */
  schedules?: boolean;
}

export async function startWorker(config: Config, options: WorkerOptions = {}): Promise<RunningWorker> {
  const log = options.log ?? console.log;
  const registry = buildRegistry(handlers);
  const db = createDb(config.databaseUrl, { applicationName: 'hubspoke-worker', max: 5 });
  const backend = await openBackend(config, db, (error) => log(`job backend: ${error.message}`));
  const mailer = options.mailer ?? createMailer(config.mail, log);
  const queue = backend.createQueue({ defaultJobOptions });
  const deps: WorkerDeps = {
    db,
    config,
    clock: options.clock ?? systemClock,
    events: backend.events,
    mailer,
    enqueue: async (name, data, opts) => {
      await queue.add(name, data, opts);
    },
    enqueueMany: async (jobs) => {
      if (jobs.length) await queue.addBulk(jobs);
    },
  };

  if (options.schedules !== false) {
    for (const { name, every } of SCHEDULES) await queue.upsertJobScheduler(name, { every }, { name, data: {} });
  }
  const worker = backend.createWorker(
    async (job) => {
      const handler = registry.get(job.name as JobName);
      if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
      return handler(deps, job.data);
    },
    { concurrency: options.concurrency ?? 10 },
  );
  worker.on('failed', (job, error) => log(`job ${job?.name} (${job?.id}) failed: ${error.message}`));
  worker.on('error', (error) => log(`worker: ${error.message}`));
  const relay = new OutboxRelay(db, queue, log);
  relay.start();
  // A heartbeat the api's /readyz counts, so operators see whether any worker is alive.
  const workerName = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const beat = () => backend.workers.beat(workerName).catch(() => {});
  void beat();
  const heartbeat = setInterval(beat, 10_000);
  heartbeat.unref();

  return {
    queue,
    /** Finishes the jobs in hand (BullMQ waits for them), then closes connections. */
    async close() {
      clearInterval(heartbeat);
      await backend.workers.leave(workerName).catch(() => {});
      await relay.stop();
      await worker.close();
      await queue.close();
      await backend.close();
      if (!options.mailer) mailer.close();
      await db.destroy();
    },
  };
}
