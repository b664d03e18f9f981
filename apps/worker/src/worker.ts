import { hostname } from 'node:os';
import type { Config } from '@hubspoke/config';
import { createDb } from '@hubspoke/db';
import { type Clock, systemClock } from '@hubspoke/domain';
import { defaultJobOptions, type JobName, type JobQueue, openBackend, retryDelay } from '@hubspoke/jobs';
import { createMailer, type Mailer } from '@hubspoke/mail';
import { UnrecoverableError } from 'bullmq';
import { handlers } from './handlers/index.js';
import { buildRegistry, type WorkerDeps } from './registry.js';
import { OutboxRelay } from './relay.js';

/**
 * Recurring work, upserted on every boot so the schedule always matches this code, and again
 * whenever the queues' Redis comes back (it may have restarted empty).
 */
const schedules = (config: Config): Array<{ name: JobName; every: number }> => [
  { name: 'sessions.cleanup', every: 60 * 60 * 1000 },
  { name: 'events.cleanup', every: 24 * 60 * 60 * 1000 },
  { name: 'digests.plan', every: 15 * 60 * 1000 },
  { name: 'mail.sweep', every: config.jobs.sweepSeconds * 1000 },
  { name: 'surveys.announce', every: 5 * 60 * 1000 },
  { name: 'path.remind', every: 15 * 60 * 1000 },
  { name: 'uploads.cleanup', every: 60 * 60 * 1000 },
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
    revive: async (jobs) => {
      if (jobs.length === 0) return 0;
      await queue.addBulk(jobs);
      let retried = 0;
      for (const { opts } of jobs) {
        const job = await queue.getJob(opts.jobId);
        if (!job || (await job.getState()) !== 'failed') continue;
        // Another sweep may retry it first: then this one has nothing left to do.
        await job.retry('failed').then(
          () => retried++,
          () => {},
        );
      }
      return retried;
    },
  };

  const upsertSchedules = async () => {
    for (const { name, every } of schedules(config))
      await queue.upsertJobScheduler(name, { every }, { name, data: {} });
  };
  if (options.schedules !== false) {
    await upsertSchedules();
    backend.onReconnect(() => {
      upsertSchedules().then(
        () => log('job schedules upserted again after the queue store came back'),
        (error) => log(`job schedules: ${(error as Error).message}`),
      );
    });
  }
  const worker = backend.createWorker(
    async (job) => {
      const handler = registry.get(job.name as JobName);
      if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
      return handler(deps, job.data);
    },
    {
      concurrency: options.concurrency ?? 10,
      lockMs: config.jobs.lockMs,
      // Doubling delays up to a cap, for as long as config.jobs allows from when the job was first due.
      backoffStrategy: (attemptsMade, _type, _error, job) =>
        retryDelay(config.jobs, attemptsMade, (job?.timestamp ?? Date.now()) + (job?.opts.delay ?? 0), Date.now()),
    },
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
